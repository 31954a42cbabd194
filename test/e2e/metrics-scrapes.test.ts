import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MongoClient } from 'mongodb';
import { createKeyring } from '../../src/crypto/keyring.js';
import type { RunningReceiver } from '../../src/main/start-receiver.js';
import { collectionsOf } from '../../src/store/collections.js';
import { sealText } from '../../src/store/encrypted-text.js';
import { startReceiverAlone } from '../support/pipeline.js';
import { testSetup } from '../support/test-env.js';

// Eight scrapers in parallel once slowed imports 5-10 times: each scrape searched the whole import log once per
// garage. Here a scrape answers from a report read at most once per refresh interval, whatever the number of scrapers.
const setup = testSetup({ SILENCE_METRICS_REFRESH_SECONDS: '6' });
let receiver: RunningReceiver;
let client: MongoClient;

before(async () => {
  client = await new MongoClient(setup.config.mongo.url).connect();
  const { imports } = collectionsOf(client.db(setup.config.mongo.database));
  const keyring = createKeyring(setup.config.encryptionKeys);
  const rawBody = sealText(keyring, 'x'.repeat(2_000));
  const receivedAt = (index: number) => new Date(Date.now() - (index + 1) * 60_000);
  for (let batch = 0; batch < 4; batch++) {
    await imports.insertMany(
      Array.from({ length: 250 }, (_, offset) => {
        const index = batch * 250 + offset;
        return {
          _id: `imp_scrape_${index}`,
          garageId: index % 2 === 0 ? setup.garage.id : setup.otherGarage.id,
          workflowId: `wf-${index}`,
          runId: 'run',
          messageId: `m-${index}`,
          bodySha256: randomBytes(32).toString('hex'),
          dmsNumber: `D-${index}`,
          woNumber: null,
          registration: null,
          event: null,
          sentAt: receivedAt(index),
          receivedAt: receivedAt(index),
          requestId: null,
          status: 'imported' as const,
          issues: [],
          warnings: [],
          attempts: [],
          finishedAt: receivedAt(index),
          documents: null,
          rawBody,
        };
      }),
    );
  }
  receiver = await startReceiverAlone(setup);
});
after(async () => {
  await receiver?.close();
  await client?.close();
});

async function scrape(): Promise<string> {
  const response = await fetch(`${receiver.operatorUrl}/metrics`);
  assert.equal(response.status, 200);
  return response.text();
}

function reads(text: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith('carsys_silence_report_reads_total '));
  assert.ok(line, 'the metrics show how often the silence report was read');
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('many scrapers at once', () => {
  it('when 40 scrape /metrics at once, twice in one refresh interval and again after it, then the database is read once per interval', async () => {
    const first = await Promise.all(Array.from({ length: 40 }, scrape));
    assert.ok(
      first.every((text) => reads(text) === 1),
      'parallel scrapes share one read',
    );
    assert.ok(first.every((text) => text.includes(`carsys_garage_silent{garage="${setup.garage.id}"}`)));

    const cached = await Promise.all(Array.from({ length: 40 }, scrape));
    assert.ok(
      cached.every((text) => reads(text) === 1),
      'within the interval they answer from the cached report',
    );

    await new Promise((resolve) => setTimeout(resolve, 6_100));
    await Promise.all(Array.from({ length: 40 }, scrape));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(reads(await scrape()), 2, 'after the interval, one more read for all of them');
  });
});
