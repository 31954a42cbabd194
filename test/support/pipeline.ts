import { bundleWorkflowCode } from '@temporalio/worker';
import { createLogger } from '../../src/logging/logger.js';
import { openMongo, type MongoHandle } from '../../src/runtime/mongo.js';
import { startReceiver, type RunningReceiver } from '../../src/runtime/receiver.js';
import { startWorker, type RunningWorker } from '../../src/runtime/worker.js';
import { workflowsPath } from '../../src/temporal/worker.js';
import { testSetup, type TestSetup } from './test-env.js';

let bundle: Promise<{ code: string }> | undefined;

/** Bundles the workflow code once per test file; each worker reuses it. */
export function workflowBundle(): Promise<{ code: string }> {
  bundle ??= bundleWorkflowCode({
    workflowsPath,
    logger: { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} },
  });
  return bundle;
}

export type Pipeline = TestSetup &
  Readonly<{
    receiver: RunningReceiver;
    worker: RunningWorker;
    mongo: MongoHandle;
    close: () => Promise<void>;
  }>;

/** The real pipeline on the real services: a worker and a receiver on a free port, with a database of their own. */
export async function startPipeline(setup: TestSetup = testSetup()): Promise<Pipeline> {
  const { config } = setup;
  const { code } = await workflowBundle();
  const worker = await startWorker(config, createLogger({ level: 'warn', name: 'test-worker' }), {
    workflows: { workflowBundle: { code } },
  });
  const receiver = await startReceiver(config, createLogger({ level: 'silent', name: 'test-receiver' }));
  const mongo = await openMongo(config.mongo, 5_000);
  return {
    ...setup,
    receiver,
    worker,
    mongo,
    close: async () => {
      await receiver.close();
      await worker.close();
      await mongo.db.dropDatabase();
      await mongo.client.close();
    },
  };
}
