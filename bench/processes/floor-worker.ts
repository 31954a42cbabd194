// The floor worker process: the no-op workflow and activity on their own task queue, with the pipeline's tuning.
import { NativeConnection, Worker } from '@temporalio/worker';
import type { WorkerTuning } from '../../src/temporal/create-worker.js';
import { floorActivities } from '../floor/floor-activities.js';
import { reportReady, requiredEnv, terminationSignal } from './wait-for-signal.js';

const connection = await NativeConnection.connect({ address: requiredEnv('TEMPORAL_ADDRESS') });
const worker = await Worker.create({
  connection,
  taskQueue: requiredEnv('TEMPORAL_TASK_QUEUE'),
  workflowBundle: { codePath: requiredEnv('BENCH_WORKFLOW_BUNDLE') },
  activities: floorActivities,
  ...(JSON.parse(requiredEnv('BENCH_WORKER_TUNING')) as WorkerTuning),
});
const run = worker.run();
reportReady();
await Promise.race([terminationSignal(), run]);
if (worker.getState() === 'RUNNING') worker.shutdown();
await run;
await connection.close();
