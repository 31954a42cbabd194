// The import worker alone: `npm run worker`, configured by environment (see README).
import { loadConfig } from '../config.js';
import { createLogger } from '../logging/logger.js';
import { createImportMetrics } from '../metrics/import-metrics.js';
import { startMetricsServer } from './metrics-server.js';
import { startWorker } from './start-worker.js';
import { runUntilSignal } from './run-until-signal.js';
import { startOrExplain } from './start-failure.js';

const { config, logger, worker, metricsServer } = await startOrExplain('worker', async () => {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'carsys-worker' });
  const metrics = createImportMetrics();
  const worker = await startWorker(config, logger, { metrics });
  const metricsServer =
    config.workerMetricsPort === undefined
      ? undefined
      : await startMetricsServer(metrics, config.receiver.host, config.workerMetricsPort);
  return { config, logger, worker, metricsServer };
});
logger.info(
  {
    taskQueue: config.temporal.taskQueue,
    bulkTaskQueue: config.temporal.bulkTaskQueue,
    metricsPort: config.workerMetricsPort,
  },
  'worker running',
);
await runUntilSignal(
  logger,
  async () => {
    metricsServer?.close();
    await worker.close();
  },
  worker.run,
);
