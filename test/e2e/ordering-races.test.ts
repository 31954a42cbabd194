import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createUpsertDocuments, type ImportActivities } from '../../src/activities/import-activities.js';
import { createLogger } from '../../src/logging/logger.js';
import { startWorker, type RunningWorker } from '../../src/main/start-worker.js';
import type { ImportDocument } from '../../src/store/documents.js';
import { startPipeline, workflowBundle, type Pipeline } from '../support/pipeline.js';
import { pushBody } from '../support/push-body.js';
import { sendPush } from '../support/push-client.js';
import { waitFor, waitForImportFinished } from '../support/wait-for.js';

let pipeline: Pipeline;
let worker: RunningWorker | undefined;

before(async () => {
  pipeline = await startPipeline();
  await pipeline.worker.close();
});
after(async () => {
  await worker?.close();
  await pipeline?.close();
});

/**
 * A real worker whose document writes wait, for the push named `heldMessageId`, until `release` resolves: so a push
 * received first can be made to write last.
 */
async function startWorkerHolding(heldMessageId: string | null, release: () => Promise<unknown>): Promise<void> {
  await worker?.close();
  const upsertDocuments = createUpsertDocuments({
    collections: pipeline.mongo.collections,
    garages: pipeline.config.garages,
    clock: () => new Date(),
  });
  const held: Partial<ImportActivities> = {
    upsertDocuments: async (input) => {
      if (input.push.messageId === heldMessageId) await release();
      return upsertDocuments(input);
    },
  };
  const { code } = await workflowBundle();
  worker = await startWorker(pipeline.config, createLogger({ level: 'silent', name: 'ordering' }), {
    workflows: { workflowBundle: { code } },
    activityOverrides: held,
  });
}

/** `sentAt` as a function is read when the push is sent, as a DMS stamps it. */
type Version = Readonly<{ messageId: string; sentAt: string | (() => string); label: string }>;

/** One version of an appointment whose WO number, car make and party name all say which version wrote them. */
function versionBody(keys: Keys, version: Version): string {
  return pushBody({
    messageId: version.messageId,
    sentAt: typeof version.sentAt === 'string' ? version.sentAt : version.sentAt(),
    appointment: { dmsNumber: keys.dmsNumber, woNumber: `WO-${version.label}` },
    car: {
      vin: keys.vin,
      registrationNumber: undefined,
      make: `Make ${version.label}`,
      driverId: keys.partyId,
      ownerId: keys.partyId,
    },
    parties: [{ id: keys.partyId, lastName: `Name ${version.label}` }],
  });
}

type Keys = Readonly<{ dmsNumber: string; vin: string; partyId: string }>;

function freshKeys(): Keys {
  const digits = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
  const dmsNumber = `R-${randomUUID().slice(0, 8)}`;
  return { dmsNumber, vin: `WVWZZZ1KZAW${digits}`, partyId: `P-${dmsNumber}` };
}

async function send(keys: Keys, version: Version): Promise<string> {
  const answer = await sendPush(pipeline.receiver.url, versionBody(keys, version), { garage: pipeline.garage });
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  return String(answer.json['importId']);
}

const finished = (importId: string): Promise<ImportDocument> =>
  waitForImportFinished(pipeline.mongo.collections, importId, 60_000);

/** Which version each document holds: the appointment's WO number, the car's make, the party's name. */
async function keptVersion(keys: Keys): Promise<string[]> {
  const garageId = pipeline.garage.id;
  const { appointments, cars, parties } = pipeline.mongo.collections;
  const appointment = await appointments.findOne({ garageId, dmsNumber: keys.dmsNumber });
  const car = await cars.findOne({ garageId, vin: keys.vin });
  const party = await parties.findOne({ garageId, dmsPartyId: keys.partyId });
  return [appointment?.woNumber ?? 'none', car?.make ?? 'none', party?.lastName ?? 'none'];
}

const orders = [
  { name: 'written in the order received', holdFirst: false },
  { name: 'the first received written last', holdFirst: true },
];

/**
 * Sends two versions one after the other and holds the writes of one until the other has finished, so they are
 * written in the order asked for, whatever the worker would have done.
 */
async function race(keys: Keys, first: Version, second: Version, holdFirst: boolean) {
  const sent: { first?: string; second?: string } = {};
  const other = () => (holdFirst ? sent.second : sent.first);
  await startWorkerHolding(holdFirst ? first.messageId : second.messageId, () =>
    waitFor('the other push to finish', async () => {
      const importId = other();
      return importId === undefined
        ? null
        : pipeline.mongo.collections.imports.findOne({ _id: importId, finishedAt: { $ne: null } });
    }),
  );
  sent.first = await send(keys, first);
  sent.second = await send(keys, second);
  const [firstRecord, secondRecord] = await Promise.all([finished(sent.first), finished(sent.second)]);
  return { firstRecord, secondRecord };
}

describe('newest wins when timestamps are equal or skewed', () => {
  for (const order of orders) {
    for (const sentAt of ['2026-11-27T09:15:02+01:00', '2026-11-27']) {
      it(`when two pushes with the same sentAt ${sentAt} and different content are sent in quick succession, ${order.name}, then the one received last is kept in the appointment, car and party`, async () => {
        const keys = freshKeys();
        const first: Version = { messageId: randomUUID(), sentAt, label: 'first' };
        const second: Version = { messageId: randomUUID(), sentAt, label: 'second' };
        const { firstRecord, secondRecord } = await race(keys, first, second, order.holdFirst);

        assert.deepEqual(await keptVersion(keys), ['WO-second', 'Make second', 'Name second']);
        assert.equal(secondRecord.status, 'imported');
        assert.equal(firstRecord.status, order.holdFirst ? 'skipped_stale' : 'imported');
        assert.ok(firstRecord.receivedAt < secondRecord.receivedAt, 'the receiver saw them in sending order');
      });
    }

    it(`when a push dated a year ahead is followed by a normal one, ${order.name}, then the normal one is kept and the future one carries a warning`, async () => {
      const keys = freshKeys();
      const now = Date.now();
      const future: Version = {
        messageId: randomUUID(),
        sentAt: new Date(now + 365 * 86_400_000).toISOString(),
        label: 'future',
      };
      const normal: Version = { messageId: randomUUID(), sentAt: () => new Date().toISOString(), label: 'normal' };
      const { firstRecord, secondRecord } = await race(keys, future, normal, order.holdFirst);

      assert.deepEqual(await keptVersion(keys), ['WO-normal', 'Make normal', 'Name normal']);
      assert.equal(secondRecord.status, 'imported');
      assert.equal(firstRecord.status, order.holdFirst ? 'skipped_stale' : 'imported');
      assert.deepEqual(
        firstRecord.warnings.map((warning) => `${warning.path} ${warning.code}`),
        ['sentAt sent_at_in_future'],
      );
      assert.equal(firstRecord.sentAt?.toISOString(), future.sentAt, 'the import log keeps sentAt as sent');
      assert.deepEqual(secondRecord.warnings, []);
    });
  }

  it('when a future-dated push is the newest, then its documents keep the sentAt as sent and are ordered by the receive time', async () => {
    await startWorkerHolding(null, () => Promise.resolve());
    const keys = freshKeys();
    const sentAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const record = await finished(await send(keys, { messageId: randomUUID(), sentAt, label: 'future' }));
    assert.equal(record.status, 'imported');
    const appointment = await pipeline.mongo.collections.appointments.findOne({
      garageId: pipeline.garage.id,
      dmsNumber: keys.dmsNumber,
    });
    assert.equal(appointment?.source.sentAt.toISOString(), sentAt);
    assert.equal(appointment?.source.orderedAt?.toISOString(), record.receivedAt.toISOString());
    assert.ok(appointment?.warnings.includes('sent_at_in_future'));
  });

  it('when a push dated a year ahead came before a normal one, then the timeline lists them in the order newest-wins uses', async () => {
    await startWorkerHolding(null, () => Promise.resolve());
    const keys = freshKeys();
    const future = { messageId: randomUUID(), sentAt: new Date(Date.now() + 365 * 86_400_000).toISOString() };
    await finished(await send(keys, { ...future, label: 'future' }));
    await finished(
      await send(keys, { messageId: randomUUID(), sentAt: () => new Date().toISOString(), label: 'normal' }),
    );
    const token = pipeline.config.operatorTokens.find((entry) => entry.name === 'reader')?.token ?? '';
    const response = await fetch(
      `${pipeline.receiver.operatorUrl}/api/v1/garages/${pipeline.garage.id}/appointments/${keys.dmsNumber}/timeline`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    assert.equal(response.status, 200);
    const { items } = (await response.json()) as { items: { woNumber: string; status: string }[] };
    assert.deepEqual(
      items.map((item) => [item.woNumber, item.status]),
      [
        ['WO-future', 'imported'],
        ['WO-normal', 'imported'],
      ],
    );
  });
});

describe('documents stored before the ordering time existed', () => {
  /** Rewrites the stamps of one appointment's documents as the old code left them: no orderedAt, this sentAt. */
  async function asStoredByOldCode(keys: Keys, sentAt: Date): Promise<void> {
    const garageId = pipeline.garage.id;
    const { appointments, cars, parties } = pipeline.mongo.collections;
    const stamp = { $set: { 'source.sentAt': sentAt }, $unset: { 'source.orderedAt': '' as const } };
    assert.equal((await appointments.updateOne({ garageId, dmsNumber: keys.dmsNumber }, stamp)).modifiedCount, 1);
    assert.equal((await cars.updateOne({ garageId, vin: keys.vin }, stamp)).modifiedCount, 1);
    assert.equal((await parties.updateOne({ garageId, dmsPartyId: keys.partyId }, stamp)).modifiedCount, 1);
  }

  it('when an old document was poisoned by a far-future sentAt, then a normal push still updates it, and an old document with a newer sentAt still wins', async () => {
    await startWorkerHolding(null, () => Promise.resolve());
    const poisoned = freshKeys();
    const sentAt = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
    await finished(await send(poisoned, { messageId: randomUUID(), sentAt: sentAt(-60_000), label: 'old' }));
    await asStoredByOldCode(poisoned, new Date('2030-01-01T00:00:00Z'));
    const next = await finished(await send(poisoned, { messageId: randomUUID(), sentAt: sentAt(0), label: 'next' }));
    assert.equal(next.status, 'imported');
    assert.deepEqual(await keptVersion(poisoned), ['WO-next', 'Make next', 'Name next']);

    const newer = freshKeys();
    await finished(await send(newer, { messageId: randomUUID(), sentAt: sentAt(-60_000), label: 'old' }));
    await asStoredByOldCode(newer, new Date(Date.now() - 30_000));
    const older = await finished(
      await send(newer, { messageId: randomUUID(), sentAt: sentAt(-45_000), label: 'older' }),
    );
    assert.equal(older.status, 'skipped_stale');
    assert.deepEqual(await keptVersion(newer), ['WO-old', 'Make old', 'Name old']);
  });
});
