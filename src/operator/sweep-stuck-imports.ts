import { importInterruptedCode } from '../domain/status-words.js';
import type { PushIssue } from '../domain/import-status.js';
import type { Collections } from '../store/collections.js';
import type { ImportDocument } from '../store/documents.js';

/** What Temporal says of the workflow that owns an import: still running, or closed with a status, or unknown. */
export type WorkflowState = Readonly<{ running: boolean; status: string }>;

/** Looks up the newest run of a workflow; `NOT_FOUND` when Temporal has no history of it (or no longer has). */
export type WorkflowStateLookup = (workflowId: string) => Promise<WorkflowState>;

export type StuckImportSweep = Readonly<{
  collections: Collections;
  workflowState: WorkflowStateLookup;
  /** An import still `accepted` this long after its (latest) start is checked against Temporal. */
  stuckAfterMs: number;
  now: () => Date;
}>;

export type SweepReport = Readonly<{ checked: number; stillRunning: number; marked: string[] }>;

// Each sweep looks at no more than this many imports, oldest first; the next sweep takes the rest.
const sweepBatch = 1000;

/** The workflow now responsible for an import: the latest support retry, else the run the receiver started. */
function owner(record: ImportDocument): { workflowId: string; startedAt: Date } {
  const latest = record.attempts.at(-1);
  return latest === undefined
    ? { workflowId: record.workflowId, startedAt: record.receivedAt }
    : { workflowId: latest.workflowId, startedAt: latest.at };
}

function interruptedIssue(workflowId: string, state: WorkflowState): PushIssue {
  const what =
    state.status === 'NOT_FOUND'
      ? 'Temporal no longer knows its workflow (the history is gone)'
      : `its workflow ended as ${state.status.toLowerCase().replace(/_/g, ' ')}`;
  return {
    path: 'workflow',
    code: importInterruptedCode,
    message: `The import never recorded how it ended: ${what} (${workflowId}). Retry it to import the push again.`,
  };
}

/**
 * Finds imports left `accepted` past the bound and marks those whose workflow is no longer running as failed, so
 * support can read and retry them (rule 11). A running workflow is left alone however long it has run: it may be
 * waiting out a database outage and will record its outcome itself. Idempotent, so every worker may run it.
 */
export async function sweepStuckImports(sweep: StuckImportSweep): Promise<SweepReport> {
  const now = sweep.now();
  const cutoff = new Date(now.getTime() - sweep.stuckAfterMs);
  // receivedAt narrows the query through the status index; a retry's own start is checked below.
  const candidates = await sweep.collections.imports
    .find({ status: 'accepted', receivedAt: { $lt: cutoff } }, { projection: { rawBody: 0 } })
    .sort({ receivedAt: 1 })
    .limit(sweepBatch)
    .toArray();
  let checked = 0;
  let stillRunning = 0;
  const marked: string[] = [];
  for (const record of candidates) {
    const { workflowId, startedAt } = owner(record);
    if (startedAt >= cutoff) continue;
    checked++;
    const state = await sweep.workflowState(workflowId);
    if (state.running) {
      stillRunning++;
      continue;
    }
    // Only the same attempt, still accepted: a workflow that recorded its outcome meanwhile keeps it, and a retry
    // started meanwhile is not marked. Its workflow is closed, so nothing else writes this record now.
    const updated = await sweep.collections.imports.updateOne(
      { _id: record._id, status: 'accepted', attempts: { $size: record.attempts.length } },
      { $set: { status: 'failed', issues: [interruptedIssue(workflowId, state)], finishedAt: sweep.now() } },
    );
    if (updated.modifiedCount === 1) marked.push(record._id);
  }
  return { checked, stillRunning, marked };
}

export type SweeperLog = Readonly<{
  info: (fields: object, message: string) => void;
  warn: (fields: object, message: string) => void;
}>;

/**
 * Runs the sweep once at start and then every `intervalMs`, until stopped. A sweep that fails (the database or
 * Temporal unreachable) is logged and tried again at the next interval.
 */
export function startStuckImportSweeper(
  sweep: StuckImportSweep,
  options: Readonly<{ intervalMs: number; log: SweeperLog }>,
): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const once = async () => {
    try {
      const report = await sweepStuckImports(sweep);
      if (report.marked.length > 0) {
        options.log.info({ ...report }, 'imports whose workflow ended without an outcome were marked failed');
      }
    } catch (error) {
      options.log.warn({ error: error instanceof Error ? error.message : String(error) }, 'stuck import sweep failed');
    }
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = once().then(() => schedule(options.intervalMs));
    }, delayMs);
    timer.unref();
  };
  schedule(0);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
