import type { Worker } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import { createKeyring } from '../crypto/keyring.js';
import type { Config } from '../config.js';
import { createImportWorker, workflowsPath, type ImportWorkerOptions } from '../temporal/worker.js';
import type { Logger } from '../logging/logger.js';
import { installTemporalRuntime } from '../temporal/runtime.js';
import { openMongo } from './mongo.js';

export type RunningWorker = Readonly<{ worker: Worker; run: Promise<void>; close: () => Promise<void> }>;

/** Starts an import worker with real activities; `close` drains it and releases its connections. */
export async function startWorker(
  config: Config,
  logger: Logger,
  options: Partial<Pick<ImportWorkerOptions, 'workflows' | 'tuning'>> = {},
): Promise<RunningWorker> {
  installTemporalRuntime(logger);
  const mongo = await openMongo(config.mongo, 30_000);
  const keyring = createKeyring(config.encryptionKeys);
  const activities = createActivities({
    keyring,
    collections: mongo.collections,
    garages: config.garages,
    clock: () => new Date(),
  });
  const { worker, connection } = await createImportWorker({
    temporal: config.temporal,
    activities,
    keyring,
    workflows: options.workflows ?? { workflowsPath },
    ...(options.tuning === undefined ? {} : { tuning: options.tuning }),
  });
  const run = worker.run();
  return {
    worker,
    run,
    close: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await run;
      await connection.close();
      await mongo.client.close();
    },
  };
}
