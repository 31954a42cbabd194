import { NativeConnection, Worker, type WorkerOptions, type WorkflowBundleOption } from '@temporalio/worker';
import type { Config } from '../config.js';
import type { ImportActivities } from '../activities/import-activities.js';
import type { Keyring } from '../crypto/keyring.js';
import { importDataConverter } from './encryption-codec.js';

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

export type ImportWorkerOptions = Readonly<{
  temporal: Config['temporal'];
  activities: ImportActivities;
  keyring: Keyring;
  /** A prebuilt bundle (faster start, used in production and benchmarks) or the workflow sources. */
  workflows: { workflowBundle: WorkflowBundleOption } | { workflowsPath: string };
  tuning?: WorkerTuning;
  /** How long a shutting-down worker lets its running steps finish before they are cancelled (and retried). */
  shutdownGraceSeconds?: number;
}>;

// `.ts` when run from the sources with tsx, `.js` when run compiled from dist/.
const moduleExtension = import.meta.url.endsWith('.js') ? 'js' : 'ts';
export const workflowsPath = new URL(`../workflows/index.${moduleExtension}`, import.meta.url).pathname;

/** Connects a worker for the import task queue; the caller runs it and closes the connection afterwards. */
export async function createImportWorker(
  options: ImportWorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: options.temporal.address });
  const worker = await Worker.create({
    connection,
    namespace: options.temporal.namespace,
    taskQueue: options.temporal.taskQueue,
    activities: options.activities,
    dataConverter: importDataConverter(options.keyring),
    ...options.workflows,
    shutdownGraceTime: `${options.shutdownGraceSeconds ?? 20}s`,
    ...defaultWorkerTuning,
    ...options.tuning,
  });
  return { worker, connection };
}
