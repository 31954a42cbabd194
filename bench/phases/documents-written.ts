import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time.js';
import { mapLimited } from '../load/limited.js';

/** When one import's documents were written, and when its workflow closed (epoch ms, the server's clock). */
export type ImportTimes = Readonly<{ workflowId: string; documentsAt?: number; closedAt?: number }>;

/**
 * Reads each import's history once the phase is over. `upsertDocuments` is the import's only regular activity and
 * writes parties, car and appointment before it returns, so the server's time of its `ActivityTaskCompleted` event is
 * when a garage can read the documents, give or take the one RPC that reports the result. The appointment's
 * `updatedAt` is taken when the step starts, before any write, and the import log's `finishedAt` only after another
 * workflow task, so both would be off by a step (bench/NOTES.md).
 */
export async function readImportTimes(client: Client, workflowIds: readonly string[]): Promise<ImportTimes[]> {
  return mapLimited(workflowIds, 8, async (workflowId) => {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const events = history.events ?? [];
    const written = events.find((event) => event.activityTaskCompletedEventAttributes != null);
    const closed = events.at(-1);
    return {
      workflowId,
      ...(written?.eventTime == null ? {} : { documentsAt: tsToMs(written.eventTime) }),
      ...(closed?.eventTime == null ? {} : { closedAt: tsToMs(closed.eventTime) }),
    };
  });
}
