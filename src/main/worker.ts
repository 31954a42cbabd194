// The import worker alone: `npm run worker`, configured by environment (see README).
import { loadConfig } from '../config.js';
import { createLogger } from '../logging/logger.js';
import { startWorker } from '../runtime/worker.js';
import { runUntilSignal } from './run-until-signal.js';

const config = loadConfig();
const logger = createLogger({ level: config.logLevel, name: 'carsys-worker' });
const worker = await startWorker(config, logger);
logger.info({ taskQueue: config.temporal.taskQueue }, 'worker running');
await runUntilSignal(logger, worker.close, worker.run);
