import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Document } from 'mongodb';
import type { ImportDocument } from '../../src/store/documents.js';
import { hostileCorpus } from '../hostile/corpus.js';
import { describeExpected, type HostileCase } from '../hostile/hostile-case.js';
import { caseKeys, hostilePush } from '../hostile/hostile-push.js';
import { sendHostile, type HostileAnswer } from '../hostile/send-hostile.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { waitForImportFinished } from '../support/wait-for.js';

let pipeline: Pipeline;
const answered = new Map<string, HostileAnswer>();

before(async () => {
  pipeline = await startPipeline();
});
after(async () => {
  await pipeline?.close();
});

const send = (hostile: Pick<HostileCase, 'request'>) =>
  sendHostile(pipeline.receiver.url, hostile.request, { own: pipeline.garage, other: pipeline.otherGarage });

function assertNotPolluted(): void {
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype was polluted');
  assert.equal(([] as unknown as Record<string, unknown>)['polluted'], undefined, 'Array.prototype was polluted');
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
}

async function finishedImport(answer: HostileAnswer): Promise<ImportDocument> {
  assert.equal(answer.status, 202, answer.text.slice(0, 500));
  assert.equal(answer.json['status'], 'accepted');
  return waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']), 60_000);
}

async function assertAnswer(hostile: HostileCase, answer: HostileAnswer): Promise<void> {
  const { expected } = hostile;
  if ('refused' in expected) {
    assert.equal(answer.status, expected.refused, answer.text.slice(0, 500));
    const error = answer.json['error'] as Record<string, unknown> | undefined;
    assert.equal(error?.['code'], expected.code);
    assert.equal(typeof error?.['message'], 'string');
    return;
  }
  const record = await finishedImport(answer);
  if ('failed' in expected) {
    assert.equal(record.status, 'failed', JSON.stringify(record.issues));
    const issues = record.issues.map((issue) => `${issue.path} ${issue.code}`).sort();
    assert.deepEqual(issues, [...expected.failed].sort());
    return;
  }
  assert.equal(record.status, 'imported', JSON.stringify(record.issues));
  const { appointments, cars, parties } = pipeline.mongo.collections;
  const appointment = await appointments.findOne({
    garageId: pipeline.garage.id,
    dmsNumber: expected.imported.dmsNumber,
  });
  assert.equal(appointment?.source.importId, record._id, 'the appointment was written by this import');
  assert.ok(record.documents?.carId, 'the import names its car');
  assert.equal(await cars.countDocuments({ _id: record.documents.carId }), 1);
  assert.equal(
    await parties.countDocuments({ _id: { $in: record.documents.partyIds } }),
    record.documents.partyIds.length,
  );
}

describe('hostile input through HTTP: every case of the corpus gets exactly its answer', () => {
  for (const hostile of hostileCorpus) {
    const options = hostile.knownIssue === undefined ? {} : { todo: hostile.knownIssue };
    it(`when ${hostile.name}, then ${describeExpected(hostile.expected)}`, options, async () => {
      const answer = await send(hostile);
      answered.set(hostile.tag, answer);
      await assertAnswer(hostile, answer);
      assertNotPolluted();
    });
  }
});

/** Every key of a stored document, at any depth, with its path; Binary, Date and other BSON values are leaves. */
function keysOf(value: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(value)) value.forEach((item, index) => keysOf(item, `${path}[${index}]`, out));
  else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, child] of Object.entries(value)) {
      out.push(`${path}.${key}`);
      keysOf(child, `${path}.${key}`, out);
    }
  }
  return out;
}

describe('after the whole hostile corpus', () => {
  it('when every case has been answered, then the receiver still answers /healthz and imports a valid push', async () => {
    assert.ok(answered.size >= 40, `the corpus ran (${answered.size} cases answered)`);
    const health = await fetch(`${pipeline.receiver.url}/healthz`);
    assert.equal(health.status, 200);
    const record = await finishedImport(await send({ request: { body: hostilePush('after-corpus') } }));
    assert.equal(record.status, 'imported');
    assertNotPolluted();
  });

  it('when every case has been answered, then no stored document has a $-key, a dotted key, a NUL in a key or a prototype key', async () => {
    const collections = await pipeline.mongo.db.listCollections({}, { nameOnly: true }).toArray();
    assert.ok(collections.length >= 4);
    for (const { name } of collections) {
      const documents = await pipeline.mongo.db.collection<Document>(name).find({}).toArray();
      const keys = documents.flatMap((document) => keysOf(document, name, []));
      const bad = keys.filter((path) => {
        const key = path.slice(path.lastIndexOf('.') + 1);
        return key.startsWith('$') || key.includes('\u0000') || ['__proto__', 'constructor', 'prototype'].includes(key);
      });
      assert.deepEqual(bad, [], `in ${name}`);
      const dotted = documents.flatMap((document) =>
        Object.keys(document).filter((key) => key.includes('.') || key.startsWith('$')),
      );
      assert.deepEqual(dotted, [], `top-level keys in ${name}`);
    }
  });

  it('when every case has been answered, then every document comes from an import that ended imported, and refused or failed cases left nothing', async () => {
    const { appointments, cars, parties, imports } = pipeline.mongo.collections;
    const garageId = pipeline.garage.id;
    const importedIds = (await imports.find({ status: 'imported' }).toArray()).map((record) => record._id);
    for (const collection of [appointments, cars, parties] as const) {
      const strays = await collection.countDocuments({ 'source.importId': { $nin: importedIds } });
      assert.equal(strays, 0, `${collection.collectionName} written by an import that did not finish imported`);
    }
    const notImported = hostileCorpus.filter((hostile) => !('imported' in hostile.expected));
    const keys = notImported.map((hostile) => caseKeys(hostile.tag));
    const refusedKeys = notImported.flatMap((hostile) =>
      'refused' in hostile.expected ? [caseKeys(hostile.tag)] : [],
    );
    const left = {
      appointments: await appointments.distinct('dmsNumber', {
        garageId,
        dmsNumber: { $in: keys.map((k) => k.dmsNumber) },
      }),
      cars: await cars.distinct('vin', { garageId, vin: { $in: keys.map((k) => k.vin) } }),
      parties: await parties.distinct('dmsPartyId', { garageId, dmsPartyId: { $in: keys.map((k) => k.partyId) } }),
      imports: await imports.distinct('messageId', { messageId: { $in: refusedKeys.map((k) => k.messageId) } }),
    };
    assert.deepEqual(left, { appointments: [], cars: [], parties: [], imports: [] });
  });

  it('when every case has been answered, then there is exactly one import record per 202 answer', async () => {
    const accepted = [...answered.values()].filter((answer) => answer.status === 202);
    const ids = accepted.map((answer) => String(answer.json['importId']));
    assert.equal(new Set(ids).size, ids.length, 'every 202 names its own import');
    // The push sent after the corpus is the one record more.
    assert.equal(await pipeline.mongo.collections.imports.countDocuments({}), ids.length + 1);
  });
});
