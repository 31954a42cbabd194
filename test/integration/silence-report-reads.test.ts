import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MongoClient, type CommandStartedEvent, type Db } from 'mongodb';
import { createKeyring } from '../../src/crypto/keyring.js';
import { cachedSilenceReport, silenceReport } from '../../src/operator/silence.js';
import { collectionsOf, type Collections } from '../../src/store/collections.js';
import type { ImportDocument } from '../../src/store/documents.js';
import { sealText } from '../../src/store/encrypted-text.js';
import { importLog } from '../../src/store/import-log.js';
import { importQueries } from '../../src/store/import-queries.js';
import { ensureIndexes } from '../../src/store/indexes.js';
import { serviceEnv } from '../support/test-env.js';

// The silence gauges on /metrics once cost one search of the whole import log per garage per scrape (FerretDB
// scans and decodes every import, raw body included). Here: with a log of 1,500 imports, a read is one small query,
// and parallel readers share it.

const keyring = createKeyring([{ id: 'test', key: randomBytes(32).toString('base64') }]);
const suffix = randomBytes(4).toString('hex');
const garages = { pushing: `pushing-${suffix}`, older: `older-${suffix}`, silent: `silent-${suffix}` };
const newest = new Date('2026-12-01T10:00:00Z');
const commands: CommandStartedEvent[] = [];
let client: MongoClient;
let db: Db;
let collections: Collections;

function anImport(garageId: string, index: number, receivedAt: Date): ImportDocument {
  return {
    _id: `imp_${garageId}_${index}`,
    garageId,
    workflowId: `wf-${garageId}-${index}`,
    runId: 'run',
    messageId: `m-${index}`,
    bodySha256: randomBytes(32).toString('hex'),
    dmsNumber: `D-${index}`,
    woNumber: null,
    registration: null,
    event: null,
    sentAt: receivedAt,
    receivedAt,
    requestId: null,
    status: 'imported',
    issues: [],
    warnings: [],
    attempts: [],
    finishedAt: receivedAt,
    documents: null,
    rawBody: sealText(keyring, 'x'.repeat(2_000)),
  };
}

before(async () => {
  client = await new MongoClient(serviceEnv.MONGODB_URL, { monitorCommands: true }).connect();
  client.on('commandStarted', (event) => commands.push(event));
  db = client.db(`test_${suffix}`);
  collections = collectionsOf(db);
  await ensureIndexes(collections);
  // A log written before the last-push documents existed: 750 imports each for two garages.
  const at = (index: number) => new Date(newest.getTime() - (index + 1) * 60_000);
  for (const garageId of [garages.pushing, garages.older]) {
    const docs = Array.from({ length: 750 }, (_, index) => anImport(garageId, index, at(index)));
    for (let start = 0; start < docs.length; start += 250)
      await collections.imports.insertMany(docs.slice(start, start + 250));
  }
  // Then one push recorded the way the worker records it.
  const { rawBody: _unused, ...receipt } = anImport(garages.pushing, 9_999, newest);
  await importLog(collections).recordReceipt({ ...receipt, rawBody: sealText(keyring, '{}') });
});
after(async () => {
  await db?.dropDatabase();
  await client?.close();
});

const finds = (from: number) =>
  commands.slice(from).filter((event) => event.commandName === 'find' && event.databaseName === db.databaseName);

function report(now: { ms: number }) {
  return cachedSilenceReport(
    silenceReport({
      garageIds: () => Object.values(garages),
      queries: importQueries(collections),
      thresholdBusinessHours: 4,
      since: newest,
      now: () => new Date(now.ms),
    }),
    { maxAgeMs: 30_000, now: () => now.ms },
  );
}

describe('the silence report on a large import log', () => {
  it('when it is read, then each garage has its newest push, a garage of the older log is looked up once, and later reads are one query on the last-push documents', async () => {
    const clock = { ms: Date.now() };
    const first = commands.length;
    const silence = await report(clock)();
    const lastPush = Object.fromEntries(silence.garages.map((garage) => [garage.garageId, garage.lastPushAt]));
    assert.deepEqual(lastPush, {
      [garages.pushing]: newest,
      [garages.older]: new Date(newest.getTime() - 60_000),
      [garages.silent]: null,
    });
    assert.deepEqual(
      finds(first).map((event) => String(event.command['find'])),
      ['garage_last_push', 'imports'],
      'the last-push documents, then the log once for the garages that had none yet (one never pushed)',
    );

    const second = commands.length;
    const started = performance.now();
    const again = await report(clock)();
    const tookMs = performance.now() - started;
    assert.deepEqual(again.garages, silence.garages);
    assert.deepEqual(
      finds(second).map((event) => String(event.command['find'])),
      ['garage_last_push'],
      'one query for every garage, the import log not at all',
    );
    assert.ok(tookMs < 200, `a read took ${tookMs.toFixed(0)} ms`);
  });

  it('when 50 scrapes read it at once, and again after the refresh interval, then the database is asked once each time', async () => {
    const clock = { ms: Date.now() };
    const silence = report(clock);
    const first = commands.length;
    const answers = await Promise.all(Array.from({ length: 50 }, () => silence()));
    assert.equal(finds(first).length, 1, 'parallel scrapes share one read');
    assert.ok(answers.every((answer) => answer === answers[0]));

    const cached = commands.length;
    clock.ms += 29_000;
    await Promise.all(Array.from({ length: 50 }, () => silence()));
    assert.equal(finds(cached).length, 0, 'within the interval the report comes from memory');

    clock.ms += 2_000;
    const stale = await Promise.all(Array.from({ length: 50 }, () => silence()));
    assert.ok(
      stale.every((answer) => answer === answers[0]),
      'a stale report is served at once while it is read',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(finds(cached).length, 1, 'after the interval, one read for all of them');
  });
});
