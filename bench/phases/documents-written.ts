import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { tsToMs } from '@temporalio/common/lib/time.js';
import { mapLimited } from '../load/limited.js';
import { summarizeLatency, type LatencySummary } from '../report/stats.js';

/** When one import's documents were written, when its workflow closed, and the steps between (epoch ms, server clock). */
export type ImportTimes = Readonly<{
  workflowId: string;
  documentsAt?: number;
  closedAt?: number;
  startedAt?: number;
  /** A worker picked up the import's first workflow task. */
  firstTaskStartedAt?: number;
  /** The workflow asked for `upsertDocuments`, after its local steps (deduplicate, validate, map). */
  writeScheduledAt?: number;
  /** A worker began `upsertDocuments`. */
  writeStartedAt?: number;
}>;

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const timeOf = (event: HistoryEvent | undefined): number | undefined =>
  event?.eventTime == null ? undefined : tsToMs(event.eventTime);

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
    const times = {
      documentsAt: timeOf(events.find((event) => event.activityTaskCompletedEventAttributes != null)),
      closedAt: timeOf(events.at(-1)),
      startedAt: timeOf(events[0]),
      firstTaskStartedAt: timeOf(events.find((event) => event.workflowTaskStartedEventAttributes != null)),
      writeScheduledAt: timeOf(events.find((event) => event.activityTaskScheduledEventAttributes != null)),
      writeStartedAt: timeOf(events.find((event) => event.activityTaskStartedEventAttributes != null)),
    };
    return {
      workflowId,
      ...Object.fromEntries(Object.entries(times).filter(([, value]) => value !== undefined)),
    };
  });
}

/** Where an import's push-to-documents time went, each stage summarised over the phase's imports. */
export type ImportStages = Readonly<{
  /** From the push being due until Temporal started its workflow: sender, receiver and the start itself. */
  accept: LatencySummary;
  /** Until a worker took the first workflow task: the task queue's backlog. */
  waitForWorkflowTask: LatencySummary;
  /** Until the workflow asked for the write: the local steps (deduplicate, validate and map) in the worker. */
  localSteps: LatencySummary;
  /** Until a worker began the write: the activity backlog (no wait when the server hands it over eagerly). */
  waitForWrite: LatencySummary;
  /** The write itself: parties, car and appointment. */
  write: LatencySummary;
}>;

/** The stages of the imports whose every step is in their history; `dueAt[i]` is when push `i` was due. */
export function importStages(times: readonly ImportTimes[], dueAt: readonly number[]): ImportStages {
  const complete = times.flatMap((time, index) => {
    const points = [
      dueAt[index],
      time.startedAt,
      time.firstTaskStartedAt,
      time.writeScheduledAt,
      time.writeStartedAt,
      time.documentsAt,
    ];
    return points.every((point): point is number => point !== undefined) ? [points] : [];
  });
  const stage = (from: number, to: number): LatencySummary =>
    summarizeLatency(complete.map((points) => (points[to] ?? 0) - (points[from] ?? 0)));
  return {
    accept: stage(0, 1),
    waitForWorkflowTask: stage(1, 2),
    localSteps: stage(2, 3),
    waitForWrite: stage(3, 4),
    write: stage(4, 5),
  };
}
