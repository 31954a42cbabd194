import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MongoClient, ObjectId, type Collection, type Db, type Document } from 'mongodb';
import { serviceEnv } from '../support/test-env.js';

// Our FerretDB build patches its SQLite backend so lookups by _id use the _id index
// (tools/dev-services/ferretdb-source-patches.ts). A FerretDB upgrade that loses the patch must fail here, not just
// make every import slower.

let client: MongoClient;
let isFerretdb = false;
let db: Db;
let collection: Collection<{ _id: string | ObjectId; n: number }>;

before(async () => {
  client = await new MongoClient(serviceEnv.MONGODB_URL).connect();
  const buildInfo = await client.db('admin').command({ buildInfo: 1 });
  isFerretdb = typeof buildInfo['ferretdbVersion'] === 'string';
  db = client.db(`test_${randomBytes(4).toString('hex')}`);
  collection = db.collection('lookups');
  await collection.insertMany([
    { _id: 'appointment-1', n: 1 },
    { _id: 'appointment-2', n: 2 },
    { _id: new ObjectId(), n: 3 },
  ]);
});
after(async () => {
  await db?.dropDatabase();
  await client?.close();
});

/** The SQLite query plan FerretDB's explain reports for a find, one line per plan node. */
async function sqlitePlan(filter: Document): Promise<string[]> {
  const explained = await collection.find(filter).explain();
  const plan = (explained['queryPlanner'] as { Plan?: unknown } | undefined)?.Plan;
  assert.ok(
    Array.isArray(plan) && plan.every((line) => typeof line === 'string'),
    `expected FerretDB's SQLite query plan, got ${JSON.stringify(explained['queryPlanner'])}`,
  );
  return plan;
}

describe('lookups by _id on the dev database', () => {
  it('when a document is found by a string _id, then SQLite searches the _id index instead of scanning', async (t) => {
    if (!isFerretdb) return t.skip('not FerretDB: MongoDB always uses its _id index');
    const plan = await sqlitePlan({ _id: 'appointment-2' });
    assert.ok(
      plan.some((line) => /SEARCH \S+ USING INDEX \S+__id_ /.test(line)) && !plan.some((line) => / SCAN /.test(line)),
      `the _id lookup does not use the _id index (is FerretDB built with our source patch?): ${plan.join('; ')}`,
    );
    assert.equal((await collection.findOne({ _id: 'appointment-2' }))?.['n'], 2);
  });

  it('when a document is found by an ObjectId _id, then SQLite searches the _id index too', async (t) => {
    if (!isFerretdb) return t.skip('not FerretDB: MongoDB always uses its _id index');
    const plan = await sqlitePlan({ _id: new ObjectId() });
    assert.ok(
      plan.some((line) => /SEARCH \S+ USING INDEX \S+__id_ /.test(line)),
      `the _id lookup does not use the _id index: ${plan.join('; ')}`,
    );
  });

  it('when a guarded write filters by _id and more, then SQLite narrows by the _id index and the rest still applies', async (t) => {
    if (!isFerretdb) return t.skip('not FerretDB: MongoDB always uses its _id index');
    const guarded = { _id: 'appointment-2', n: { $lt: 2 } };
    const plan = await sqlitePlan(guarded);
    assert.ok(
      plan.some((line) => /SEARCH \S+ USING INDEX \S+__id_ /.test(line)) && !plan.some((line) => / SCAN /.test(line)),
      `a filter with _id and other conditions does not use the _id index: ${plan.join('; ')}`,
    );
    assert.equal(await collection.findOne(guarded), null, 'the other conditions must still be applied');
    const applied = await collection.updateOne({ _id: 'appointment-2', n: { $gte: 2 } }, { $set: { n: 5 } });
    assert.equal(applied.modifiedCount, 1);
    const refused = await collection.updateOne({ _id: 'appointment-2', n: { $lt: 5 } }, { $set: { n: 6 } });
    assert.equal(refused.matchedCount, 0);
    assert.equal((await collection.findOne({ _id: 'appointment-2' }))?.['n'], 5);
  });
});
