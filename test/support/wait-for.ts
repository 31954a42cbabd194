import { setTimeout as sleep } from 'node:timers/promises';
import type { Collections } from '../../src/store/collections.js';
import type { ImportDocument } from '../../src/store/documents.js';

/** Polls until `probe` returns a value, or fails after `timeoutMs` with what it was waiting for. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Waits until an import has left `accepted`, and returns its record. */
export function waitForImportFinished(
  collections: Collections,
  importId: string,
  timeoutMs?: number,
): Promise<ImportDocument> {
  return waitFor(
    `import ${importId} to finish`,
    () => collections.imports.findOne({ _id: importId, status: { $ne: 'accepted' } }),
    timeoutMs,
  );
}
