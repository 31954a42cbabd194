import { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { createActivities, type ImportActivities } from '../activities/import-activities.js';
import type { ImportMetrics } from '../metrics/import-metrics.js';
import { createKeyring } from '../crypto/keyring.js';
import type { Config } from '../config.js';
import { createImportWorker, type ImportWorkerOptions } from '../temporal/create-worker.js';
import { workflowsPath } from '../temporal/workflow-bundle.js';
import type { Logger } from '../logging/logger.js';
import { installTemporalRuntime } from '../temporal/runtime.js';
import { workflowStateOf } from '../temporal/workflow-state.js';
import { startStuckImportSweeper } from '../operator/sweep-stuck-imports.js';
import { openMongo } from '../store/open-mongo.js';
import { rejectionLog } from '../store/rejections.js';
import { garageStore } from '../store/garage-store.js';
import { garageDirectory } from '../store/garage-directory.js';
import { seedBootstrapGarages } from '../operator/manage-garages.js';

/** `worker` serves the main task queue, `bulkWorker` the bulk lane (docs/scaling.md); `run` ends when both have. */
export type RunningWorker = Readonly<{
  worker: Worker;
  bulkWorker: Worker;
  run: Promise<void>;
  close: () => Promise<void>;
}>;

/** Starts an import worker with real activities; `close` drains it and releases its connections. */
export async function startWorker(
  config: Config,
  logger: Logger,
  options: Partial<Pick<ImportWorkerOptions, 'workflows' | 'tuning'>> & {
    /** Replaces single activities; tests use it to run an older version of a step (then retry with the fix). */
    activityOverrides?: Partial<ImportActivities>;
    /** Counts finished imports; `npm start` shares one registry with the receiver. */
    metrics?: ImportMetrics;
  } = {},
): Promise<RunningWorker> {
  installTemporalRuntime(logger);
  // Below the activities' 30 s start-to-close timeout: an attempt on a hung database fails by itself and its retry
  // starts afresh, instead of timed-out attempts leaving their round trips hanging behind them.
  const mongo = await openMongo(config.mongo, 15_000, { socketTimeoutMS: 20_000, connectTimeoutMS: 10_000 });
  const keyring = createKeyring(config.encryptionKeys);
  const store = garageStore(mongo.db);
  await store.ensureIndexes();
  await seedBootstrapGarages(store, keyring, config.garages, new Date());
  const garages = garageDirectory({
    store,
    keyring,
    bootstrap: config.garages,
    refreshEveryMs: config.garageRefreshMs,
    now: () => new Date(),
    onRefreshFailed: (error) => logger.warn({ err: error }, 'cannot read garage changes; using the garages last read'),
    onSecretUnreadable: (garageId, secretId, error) =>
      logger.error({ err: error, garageId, secretId }, 'a garage secret cannot be decrypted with ENCRYPTION_KEYS'),
  });
  // The first read fills the directory before any step runs; failing, it is logged and CARSYS_GARAGES serves.
  await garages.refresh().catch(() => undefined);
  garages.start();
  const activities = {
    ...createActivities({
      keyring,
      collections: mongo.collections,
      garages,
      clock: () => new Date(),
      rejections: rejectionLog(mongo.db, {
        isKnownGarage: (garageId) => garages.get(garageId) !== undefined,
        retentionDays: config.rejectionRetentionDays,
      }),
      unvouchedImportsUntil: config.unvouchedImportsUntil,
      ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    }),
    ...options.activityOverrides,
  };
  const { worker, bulkWorker, connection } = await createImportWorker({
    temporal: config.temporal,
    activities,
    keyring,
    workflows:
      options.workflows ??
      (config.workflowBundlePath === undefined
        ? { workflowsPath }
        : { workflowBundle: { codePath: config.workflowBundlePath } }),
    ...(options.tuning === undefined ? {} : { tuning: options.tuning }),
    bulkLaneSlots: config.bulkLaneSlots,
    shutdownGraceSeconds: config.workerShutdownGraceSeconds,
  });
  const run = Promise.all([worker.run(), bulkWorker.run()]).then(() => undefined);
  // Each worker sweeps: the sweep is idempotent, and so it needs no schedule of its own (README "Stuck imports").
  const sweeper = startStuckImportSweeper(
    {
      collections: mongo.collections,
      workflowState: workflowStateOf(new Client({ connection, namespace: config.temporal.namespace })),
      stuckAfterMs: config.stuckImports.afterMs,
      now: () => new Date(),
    },
    { intervalMs: config.stuckImports.sweepEveryMs, log: logger },
  );
  let closing: Promise<void> | undefined;
  const shutdown = async () => {
    await sweeper.stop();
    garages.stop();
    for (const running of [worker, bulkWorker]) if (running.getState() === 'RUNNING') running.shutdown();
    await run.catch(() => undefined);
    await connection.close();
    await mongo.client.close();
  };
  return {
    worker,
    bulkWorker,
    run,
    // Idempotent: a test may stop a worker early and its harness close it again.
    close: () => (closing ??= shutdown()),
  };
}
