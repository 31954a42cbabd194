import { setTimeout as sleep } from 'node:timers/promises';

const maxAttempts = 10;

/**
 * Retries a failed step as the import workflow's activities are retried (1 s, doubling, at most 30 s), so the
 * direct baseline pays for a busy database what the pipeline pays. Counts the retries it needed.
 */
export async function withRetries<T>(step: () => Promise<T>, onRetry: () => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= maxAttempts) throw error;
      onRetry();
      await sleep(Math.min(30_000, 1_000 * 2 ** (attempt - 1)));
    }
  }
}
