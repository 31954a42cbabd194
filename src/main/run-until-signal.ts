import type { Logger } from '../logging/logger.js';

/** Keeps an entry point alive until SIGINT/SIGTERM (or `stopped` settles), then closes it cleanly. */
export async function runUntilSignal(
  logger: Logger,
  close: () => Promise<void>,
  stopped?: Promise<unknown>,
): Promise<void> {
  const signal = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const reason = await Promise.race([signal, stopped?.then(() => 'stopped') ?? new Promise<string>(() => undefined)]);
  logger.info({ reason }, 'shutting down');
  await close();
}
