import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { Collections } from '../../src/store/collections.js';
import { GarageIdKey } from '../../src/temporal/search-attributes.js';

/** How the imports of one phase ended, and when each finished (epoch ms). */
export type ImportsDone = Readonly<{ finishedAt: number[]; statusCounts: Record<string, number> }>;

export type ImportWatch = Readonly<{ temporal: Client; collections: Collections }>;

const pollEveryMs = 1_000;

/**
 * Waits until every import workflow of the phase (its garages) has closed. It polls Temporal's visibility store, not
 * the import log: FerretDB answers a count by reading every document, which would load the database being measured.
 */
export async function waitUntilImported(
  watch: ImportWatch,
  garageIds: readonly string[],
  expected: number,
  timeoutMs: number,
): Promise<void> {
  const garages = garageIds.map((id) => `"${id}"`).join(', ');
  const closed = `${GarageIdKey.name} IN (${garages}) AND ExecutionStatus != "Running"`;
  const deadline = Date.now() + timeoutMs;
  let count: number;
  while ((count = (await watch.temporal.workflow.count(closed)).count) < expected) {
    if (Date.now() > deadline) {
      throw new Error(`only ${count} of ${expected} import workflows closed within ${timeoutMs / 1000} s`);
    }
    await sleep(pollEveryMs);
  }
}

/** How each import of the phase ended, and when, from the import log. */
export async function readImports(watch: ImportWatch, garageIds: readonly string[]): Promise<ImportsDone> {
  const records = await watch.collections.imports
    .find({ garageId: { $in: [...garageIds] } }, { projection: { status: 1, finishedAt: 1 } })
    .toArray();
  const statusCounts: Record<string, number> = {};
  for (const record of records) statusCounts[record.status] = (statusCounts[record.status] ?? 0) + 1;
  const finishedAt = records.flatMap((record) => (record.finishedAt === null ? [] : [record.finishedAt.getTime()]));
  return { finishedAt, statusCounts };
}
