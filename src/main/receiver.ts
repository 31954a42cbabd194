// The receiver alone: `npm run receiver`, configured by environment (see README).
import { loadConfig } from '../config.js';
import { createLogger } from '../logging/logger.js';
import { startReceiver } from './start-receiver.js';
import { runUntilSignal } from './run-until-signal.js';
import { startOrExplain } from './start-failure.js';

const { logger, receiver } = await startOrExplain('receiver', async () => {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'carsys-receiver' });
  return { logger, receiver: await startReceiver(config, logger) };
});
logger.info({ url: receiver.url }, 'receiver listening');
await runUntilSignal(logger, receiver.close);
