import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import type { ServicesInfo } from './dev-services/index.js';

// Every test file takes a task queue `test-<random>` (and its bulk lane, `-bulk`) and a database `test_<random>` (test/support/test-env.ts); a
// test that fails half-way can leave either behind, and the dev services are shared with `npm start`, so only those.
const testTaskQueue = /^test-[0-9a-f]+(-bulk)?$/;
const testDatabase = /^test_[0-9a-f]+$/;

/** Terminates the test workflows still running and drops the test databases, so nothing outlives `npm test`. */
export async function cleanUpTestLeftovers(services: ServicesInfo): Promise<{ workflows: number; databases: number }> {
  const workflows = await terminateRunningWorkflows(services.temporalAddress, (queue) => testTaskQueue.test(queue));
  const databases = await dropDatabases(services.mongoUrl, (name) => testDatabase.test(name));
  return { workflows, databases };
}

/**
 * Terminates every running workflow on the task queues chosen. The server's list can lag a start by a moment, so
 * it keeps looking until two looks in a row, at least a second and a half after the first, find nothing.
 */
export async function terminateRunningWorkflows(
  temporalAddress: string,
  onQueue: (taskQueue: string) => boolean,
): Promise<number> {
  const connection = await Connection.connect({ address: temporalAddress });
  const started = Date.now();
  let terminated = 0;
  let emptyLooks = 0;
  try {
    const client = new Client({ connection });
    for (let look = 0; look < 20 && (emptyLooks < 2 || Date.now() - started < 1_500); look++) {
      let found = 0;
      for await (const run of client.workflow.list({ query: 'ExecutionStatus = "Running"' })) {
        if (!onQueue(run.taskQueue)) continue;
        found += 1;
        await client.workflow
          .getHandle(run.workflowId, run.runId)
          .terminate('left running by a test; the tests clean up after themselves')
          .catch(() => undefined); // finished or terminated meanwhile
      }
      terminated += found;
      emptyLooks = found === 0 ? emptyLooks + 1 : 0;
      await sleep(300);
    }
  } finally {
    await connection.close();
  }
  return terminated;
}

/** Drops the databases chosen by name. */
export async function dropDatabases(mongoUrl: string, chosen: (name: string) => boolean): Promise<number> {
  const mongo = await MongoClient.connect(mongoUrl, { serverSelectionTimeoutMS: 10_000 });
  let dropped = 0;
  try {
    const { databases } = await mongo.db().admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) {
      if (!chosen(name)) continue;
      await mongo.db(name).dropDatabase();
      dropped += 1;
    }
  } finally {
    await mongo.close();
  }
  return dropped;
}
