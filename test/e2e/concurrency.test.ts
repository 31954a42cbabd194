import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ImportDocument } from '../../src/store/documents.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { pushBody } from '../support/push-body.js';
import { sendPush, type PushAnswer } from '../support/push-client.js';
import { waitForImportFinished } from '../support/wait-for.js';

let pipeline: Pipeline;

before(async () => {
  pipeline = await startPipeline();
});
after(async () => {
  await pipeline?.close();
});

/** Sends every body at the same moment, each on its own connection, and returns the answers in sending order. */
function sendAtOnce(bodies: readonly string[]): Promise<PushAnswer[]> {
  return Promise.all(bodies.map((body) => sendPush(pipeline.receiver.url, body, { garage: pipeline.garage })));
}

function finished(answer: PushAnswer): Promise<ImportDocument> {
  return waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']), 60_000);
}

/** A random order that is not the sorted one, so the versions cannot simply arrive oldest first. */
function shuffled<T>(items: readonly T[]): T[] {
  const order = [...items];
  do {
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(Math.random() * (index + 1));
      [order[index], order[other]] = [order[other] as T, order[index] as T];
    }
  } while (order.every((item, index) => item === items[index]));
  return order;
}

const statusesOf = (answers: readonly PushAnswer[]) => answers.map((answer) => answer.status).sort();

describe('pushes sent at the same moment through HTTP', () => {
  it('when 20 identical pushes are sent at once, then exactly one is accepted, 19 are duplicates, and one set of documents and one import record exist', async () => {
    const dmsNumber = `C-${randomUUID().slice(0, 8)}`;
    const vin = 'WVWZZZ1KZAW100001';
    const body = pushBody({
      messageId: randomUUID(),
      appointment: { dmsNumber },
      car: { vin, registrationNumber: undefined },
      parties: [{ id: `P-${dmsNumber}`, lastName: 'Jansen' }],
    });
    const answers = await sendAtOnce(Array.from({ length: 20 }, () => body));

    assert.deepEqual(statusesOf(answers), [...Array<number>(19).fill(200), 202]);
    const accepted = answers.filter((answer) => answer.status === 202);
    assert.equal(accepted.length, 1);
    assert.ok(answers.every((answer) => answer.status === 202 || answer.json['status'] === 'duplicate'));
    assert.equal(new Set(answers.map((answer) => answer.json['importId'])).size, 1, 'every answer names one import');
    assert.equal(new Set(answers.map((answer) => answer.json['workflowId'])).size, 1, 'and one workflow');

    const record = await finished(accepted[0] as PushAnswer);
    assert.equal(record.status, 'imported');
    const garageId = pipeline.garage.id;
    const { appointments, cars, parties, imports } = pipeline.mongo.collections;
    assert.equal(await appointments.countDocuments({ garageId, dmsNumber }), 1);
    assert.equal(await cars.countDocuments({ garageId, vin }), 1);
    assert.equal(await parties.countDocuments({ garageId, dmsPartyId: `P-${dmsNumber}` }), 1);
    assert.equal(await imports.countDocuments({ garageId, dmsNumber }), 1);
  });

  it('when 20 identical pushes without messageId are sent at once, then their body names them: one is accepted, 19 are duplicates', async () => {
    const dmsNumber = `C-${randomUUID().slice(0, 8)}`;
    const body = pushBody({ messageId: undefined, appointment: { dmsNumber } });
    const answers = await sendAtOnce(Array.from({ length: 20 }, () => body));

    assert.equal(answers.filter((answer) => answer.status === 202).length, 1);
    assert.equal(answers.filter((answer) => answer.status === 200).length, 19);
    const accepted = answers.find((answer) => answer.status === 202) as PushAnswer;
    assert.equal((await finished(accepted)).status, 'imported');
    const { appointments, imports } = pipeline.mongo.collections;
    assert.equal(await appointments.countDocuments({ garageId: pipeline.garage.id, dmsNumber }), 1);
    assert.equal(await imports.countDocuments({ garageId: pipeline.garage.id, dmsNumber }), 1);
  });

  it('when 8 versions of one appointment are sent at once in shuffled order, then the newest by sentAt wins and the older ones written after it are skipped_stale', async () => {
    const dmsNumber = `C-${randomUUID().slice(0, 8)}`;
    const versions = Array.from({ length: 8 }, (_, hour) => ({
      woNumber: `WO-V${hour}`,
      body: pushBody({
        messageId: randomUUID(),
        sentAt: `2026-11-27T${String(10 + hour)}:00:00+01:00`,
        appointment: { dmsNumber, woNumber: `WO-V${hour}` },
      }),
    }));
    const newest = versions[versions.length - 1];
    assert.ok(newest);
    const order = shuffled(versions);
    const answers = await sendAtOnce(order.map((version) => version.body));

    assert.deepEqual(statusesOf(answers), Array<number>(8).fill(202));
    const records = await Promise.all(answers.map(finished));
    const newestRecord = records[order.indexOf(newest)];
    assert.ok(newestRecord);
    assert.equal(newestRecord.status, 'imported', 'the newest version is never skipped');

    const stored = await pipeline.mongo.collections.appointments
      .find({ garageId: pipeline.garage.id, dmsNumber })
      .toArray();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.woNumber, newest.woNumber);
    assert.equal(stored[0]?.source.importId, newestRecord._id);
    assert.equal(stored[0]?.source.sentAt.toISOString(), '2026-11-27T16:00:00.000Z');

    const older = records.filter((record) => record._id !== newestRecord._id);
    const outcomes = older.map((record) => record.status);
    assert.ok(
      outcomes.every((status) => status === 'imported' || status === 'skipped_stale'),
      `each older version is imported (before a newer one) or skipped_stale: ${outcomes.join(', ')}`,
    );
    assert.ok(
      outcomes.includes('skipped_stale'),
      `some older version arrived after a newer one: ${outcomes.join(', ')}`,
    );
    for (const record of older) {
      assert.equal(record.documents === null, record.status === 'skipped_stale', 'a stale version names no documents');
    }
  });

  it('when 10 appointments sharing one car and one party are sent at once, then one car and one party exist, holding the newest data and every role', async () => {
    const vin = 'WVWZZZ1KZAW100777';
    const partyId = `P-${randomUUID().slice(0, 8)}`;
    const bodies = Array.from({ length: 10 }, (_, index) =>
      pushBody({
        messageId: randomUUID(),
        sentAt: `2026-11-27T10:00:${String(10 + index)}+01:00`,
        appointment: { dmsNumber: `SHARED-${partyId}-${index}` },
        car: { vin, registrationNumber: undefined, model: `Model ${index}`, driverId: partyId, ownerId: undefined },
        parties: [{ id: partyId, lastName: `Version ${index}` }],
      }),
    );
    const answers = await sendAtOnce(shuffled(bodies));

    assert.deepEqual(statusesOf(answers), Array<number>(10).fill(202));
    const records = await Promise.all(answers.map(finished));
    assert.deepEqual(
      records.map((record) => record.status),
      Array<string>(10).fill('imported'),
    );
    const garageId = pipeline.garage.id;
    const { cars, parties } = pipeline.mongo.collections;
    const storedCars = await cars.find({ garageId, vin }).toArray();
    const storedParties = await parties.find({ garageId, dmsPartyId: partyId }).toArray();
    assert.equal(storedCars.length, 1);
    assert.equal(storedParties.length, 1);
    assert.equal(storedCars[0]?.model, 'Model 9', 'the newest push describes the car');
    assert.equal(storedParties[0]?.lastName, 'Version 9', 'the newest push describes the party');
    assert.deepEqual(storedParties[0]?.roles, ['driver']);
    assert.equal(storedCars[0]?.driverId, storedParties[0]?._id);
  });
});
