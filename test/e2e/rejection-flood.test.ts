import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MongoClient, type Db } from 'mongodb';
import type { RunningReceiver } from '../../src/main/start-receiver.js';
import { rejectionCountsCollectionName, rejectionsCollectionName } from '../../src/store/rejections.js';
import { startReceiverAlone } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitFor } from '../support/wait-for.js';

// Every refused request once inserted a document of its own: a flood grew the database without bound and buried a
// real garage's refusals among the forged ones.
const setup = testSetup({ REJECTION_RETENTION_DAYS: '30' });
const garage = setup.garage;
let receiver: RunningReceiver;
let client: MongoClient;
let db: Db;
const now = Date.now();
const daysAgo = (days: number) => new Date(now - days * 86_400_000);

before(async () => {
  client = await new MongoClient(setup.config.mongo.url).connect();
  db = client.db(setup.config.mongo.database);
  // What an older receiver recorded, one document per request: two recent ones are still shown, an old one pruned.
  await db.collection(rejectionsCollectionName).insertMany([
    {
      garageIdClaimed: garage.id,
      status: 401,
      code: 'timestamp_out_of_tolerance',
      at: daysAgo(1),
      sizeBytes: 10,
      requestId: 'old-1',
    },
    {
      garageIdClaimed: garage.id,
      status: 401,
      code: 'timestamp_out_of_tolerance',
      at: daysAgo(2),
      sizeBytes: 10,
      requestId: 'old-2',
    },
    {
      garageIdClaimed: garage.id,
      status: 401,
      code: 'timestamp_out_of_tolerance',
      at: daysAgo(40),
      sizeBytes: 10,
      requestId: 'old-3',
    },
  ]);
  receiver = await startReceiverAlone(setup);
});
after(async () => {
  await receiver?.close();
  await client?.close();
});

async function api(path: string): Promise<Record<string, unknown>> {
  const token = setup.config.operatorTokens[0]?.token ?? '';
  const response = await fetch(`${receiver.operatorUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as Record<string, unknown>;
}

type Count = { garageIdClaimed: string | null; code: string; count: number; samples: { garageIdClaimed: string }[] };

describe('a flood of refused requests', () => {
  it("when 2,000 requests claim random garage ids and a real garage sends 3 bad signatures, then the log holds a handful of counts and the garage's refusals are reported exactly", async () => {
    const body = JSON.stringify({ messageId: randomUUID(), appointment: { dmsNumber: 'FLOOD-1' } });
    for (let start = 0; start < 2_000; start += 50) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => sendPush(receiver.url, body, { garage, garageId: `forged-${randomUUID()}` })),
      );
      assert.ok(answers.every((answer) => answer.status === 401));
    }
    for (let index = 0; index < 3; index++) {
      const answer = await sendPush(receiver.url, body, { garage, secret: 'a-secret-carsys-was-never-given' });
      assert.equal(answer.status, 401);
    }

    const counts = await waitFor(
      'every refusal to be counted',
      async () => {
        const { items } = (await api('/api/v1/rejections?limit=500')) as { items: Count[] };
        const forged = items
          .filter((item) => item.garageIdClaimed === '(unknown)')
          .reduce((sum, item) => sum + item.count, 0);
        const real = items.filter((item) => item.garageIdClaimed === garage.id && item.code === 'invalid_signature');
        return forged === 2_000 && real.reduce((sum, item) => sum + item.count, 0) === 3 ? items : null;
      },
      30_000,
    );
    const stored = await db.collection(rejectionCountsCollectionName).countDocuments();
    // One count per garage, reason and hour: two of each if the flood crossed an hour.
    assert.ok(stored <= 4, `${stored} documents for 2,003 refusals`);
    const forged = counts.find((item) => item.garageIdClaimed === '(unknown)');
    assert.equal(forged?.code, 'unknown_garage');
    assert.ok(forged.samples.length >= 1 && forged.samples.length <= 10, 'a few examples, not all of them');
    assert.match(forged.samples[0]?.garageIdClaimed ?? '', /^forged-/, 'the examples keep the id that was sent');

    const period = `from=${encodeURIComponent(daysAgo(7).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`;
    const answer = (await api(`/api/v1/where-is?garageId=${garage.id}&number=FLOOD-1&${period}`)) as {
      refused: { total: number; byReason: { code: string; count: number }[] };
    };
    assert.deepEqual(
      answer.refused.byReason.map((group) => [group.code, group.count]),
      [
        ['invalid_signature', 3],
        ['timestamp_out_of_tolerance', 2],
      ],
      "the real garage's refusals by reason, with those an older version recorded, none of the flood",
    );
    assert.equal(answer.refused.total, 5);
  });

  it('when the receiver starts, then refusals older than the retention are pruned', async () => {
    const left = await waitFor('the old refusal to be pruned', async () => {
      const docs = await db
        .collection(rejectionsCollectionName)
        .find({}, { projection: { requestId: 1 } })
        .toArray();
      return docs.length === 2 ? docs : null;
    });
    assert.deepEqual(left.map((doc) => String(doc['requestId'])).sort(), ['old-1', 'old-2']);
  });
});
