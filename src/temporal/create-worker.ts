import { NativeConnection, Worker, type WorkerOptions, type WorkflowBundleOption } from '@temporalio/worker';
import type { Config } from '../config.js';
import type { ImportActivities } from '../activities/import-activities.js';
import type { Keyring } from '../crypto/keyring.js';
import { importDataConverter } from './encryption-codec.js';
import { bundleWorkflows } from './workflow-bundle.js';

/** The worker settings worth tuning for throughput and memory (see bench/NOTES.md). */
export type WorkerTuning = Partial<
  Pick<
    WorkerOptions,
    | 'maxConcurrentActivityTaskExecutions'
    | 'maxConcurrentWorkflowTaskExecutions'
    | 'maxConcurrentLocalActivityExecutions'
    | 'maxConcurrentWorkflowTaskPolls'
    | 'maxConcurrentActivityTaskPolls'
    | 'maxCachedWorkflows'
  >
>;

/**
 * Measured with `npm run bench` (bench/NOTES.md): the database, not the worker, limits throughput, so more slots only
 * hold work in memory and crowd the database. Options passed in override these.
 */
export const defaultWorkerTuning: WorkerTuning = {
  maxConcurrentWorkflowTaskExecutions: 10,
  maxConcurrentActivityTaskExecutions: 20,
  maxConcurrentLocalActivityExecutions: 20,
  maxCachedWorkflows: 200,
};

/**
 * The bulk lane's worker: a few slots of each kind, so a garage's resend beyond its share moves on steadily without
 * taking the cores and the database from the main queue (docs/scaling.md).
 */
export function bulkLaneTuning(slots: number): WorkerTuning {
  return {
    maxConcurrentWorkflowTaskExecutions: slots,
    maxConcurrentWorkflowTaskPolls: Math.min(slots, 2),
    maxConcurrentActivityTaskExecutions: slots,
    maxConcurrentActivityTaskPolls: Math.min(slots, 2),
    maxConcurrentLocalActivityExecutions: slots,
    maxCachedWorkflows: 10 * slots,
  };
}

export type ImportWorkerOptions = Readonly<{
  temporal: Config['temporal'];
  activities: ImportActivities;
  keyring: Keyring;
  /** A prebuilt bundle (faster start, used in production and benchmarks) or the workflow sources. */
  workflows: { workflowBundle: WorkflowBundleOption } | { workflowsPath: string };
  tuning?: WorkerTuning;
  /** The slots of each kind the bulk lane's worker gets (`BULK_LANE_SLOTS`). */
  bulkLaneSlots: number;
  /** How long a shutting-down worker lets its running steps finish before they are cancelled (and retried). */
  shutdownGraceSeconds?: number;
}>;

/**
 * Connects the two workers of an import worker process, one for the main task queue and one for the bulk lane, on
 * one connection; the caller runs both and closes the connection afterwards.
 */
export async function createImportWorker(
  options: ImportWorkerOptions,
): Promise<{ worker: Worker; bulkWorker: Worker; connection: NativeConnection }> {
  // Bundled once for both workers: webpack at start is seconds of CPU and about 100 MB (bench/NOTES.md, change 5).
  const workflows =
    'workflowsPath' in options.workflows
      ? { workflowBundle: await bundleWorkflows(options.workflows.workflowsPath) }
      : options.workflows;
  const connection = await NativeConnection.connect({ address: options.temporal.address });
  const workerOn = (taskQueue: string, tuning: WorkerTuning) =>
    Worker.create({
      connection,
      namespace: options.temporal.namespace,
      taskQueue,
      activities: options.activities,
      dataConverter: importDataConverter(options.keyring),
      ...workflows,
      shutdownGraceTime: `${options.shutdownGraceSeconds ?? 20}s`,
      ...tuning,
    });
  try {
    const worker = await workerOn(options.temporal.taskQueue, { ...defaultWorkerTuning, ...options.tuning });
    const bulkWorker = await workerOn(options.temporal.bulkTaskQueue, bulkLaneTuning(options.bulkLaneSlots));
    return { worker, bulkWorker, connection };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
