/** Resolves on SIGTERM or SIGINT: how the bench asks its child processes to drain and exit. */
export function terminationSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
}

/** Tells the bench (the parent process) that this child is ready for load. */
export function reportReady(): void {
  process.send?.('ready');
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}
