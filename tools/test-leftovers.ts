import { Client, Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import type { ServicesInfo } from './dev-services/index.js';

// Every test file takes a task queue `test-<random>` and a database `test_<random>` (test/support/test-env.ts); a
// test that fails half-way can leave either behind, and the dev services are shared with `npm start`, so only those.
const testTaskQueue = /^test-[0-9a-f]+$/;
const testDatabase = /^test_[0-9a-f]+$/;

/** Terminates the test workflows still running and drops the test databases, so nothing outlives `npm test`. */
export async function cleanUpTestLeftovers(services: ServicesInfo): Promise<{ workflows: number; databases: number }> {
  const connection = await Connection.connect({ address: services.temporalAddress });
  let workflows = 0;
  try {
    const client = new Client({ connection });
    for await (const run of client.workflow.list({ query: 'ExecutionStatus = "Running"' })) {
      if (!testTaskQueue.test(run.taskQueue)) continue;
      await client.workflow
        .getHandle(run.workflowId, run.runId)
        .terminate('left running by a test; npm test cleans up after itself');
      workflows += 1;
    }
  } finally {
    await connection.close();
  }
  const mongo = await MongoClient.connect(services.mongoUrl, { serverSelectionTimeoutMS: 10_000 });
  let databases = 0;
  try {
    const { databases: all } = await mongo.db().admin().listDatabases({ nameOnly: true });
    for (const { name } of all) {
      if (!testDatabase.test(name)) continue;
      await mongo.db(name).dropDatabase();
      databases += 1;
    }
  } finally {
    await mongo.close();
  }
  return { workflows, databases };
}
