// A pipeline worker process for the bench: the product's startWorker, with a prebuilt bundle and the bench's tuning.
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { startWorker } from '../../src/main/start-worker.js';
import type { WorkerTuning } from '../../src/temporal/create-worker.js';
import { workflowsPath } from '../../src/temporal/workflow-bundle.js';
import { reportReady, requiredEnv, terminationSignal } from './wait-for-signal.js';

const config = loadConfig();
const logger = createLogger({ level: config.logLevel, name: 'bench-pipeline-worker' });
const tuning = JSON.parse(requiredEnv('BENCH_WORKER_TUNING')) as WorkerTuning;
const bundle = requiredEnv('BENCH_WORKFLOW_BUNDLE');
const worker = await startWorker(config, logger, {
  // `source` bundles at start, as `npm run worker` does; the bench compares both.
  workflows: bundle === 'source' ? { workflowsPath } : { workflowBundle: { codePath: bundle } },
  tuning,
});
reportReady();
await Promise.race([terminationSignal(), worker.run]);
await worker.close();
