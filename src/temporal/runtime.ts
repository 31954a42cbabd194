import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import type { Logger } from '../logging/logger.js';

let installed = false;

/** Routes the Temporal SDK's own log lines into our structured, redacted logger; safe to call more than once. */
export function installTemporalRuntime(logger: Logger): void {
  if (installed) return;
  installed = true;
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const pinoLevel =
      level === 'TRACE'
        ? 'trace'
        : level === 'DEBUG'
          ? 'debug'
          : level === 'INFO'
            ? 'info'
            : level === 'WARN'
              ? 'warn'
              : 'error';
    logger[pinoLevel]({ ...meta, component: 'temporal-sdk' }, message);
  };
  const temporalLogger: TemporalLogger = {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
  Runtime.install({ logger: temporalLogger });
}
