import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';

/** One step the workflow waits on, as Temporal's describe reports it. */
export type PendingStep = Readonly<{
  activity: string;
  /** `scheduled`, `started` or `cancel_requested`. */
  state: string;
  attempt: number;
  lastFailure: string | null;
  lastStartedAt: Date | null;
  nextAttemptAt: Date | null;
}>;

/** What an import workflow is doing right now, or why that could not be found out. */
export type WorkflowProgress =
  | Readonly<{
      known: true;
      workflowId: string;
      /** Temporal's execution status in lower case: `running`, `completed`, `failed`, `terminated`... */
      status: string;
      pendingSteps: readonly PendingStep[];
      /** Set when the next workflow task waits for a worker to pick it up. */
      waitingForWorkerSince: Date | null;
    }>
  | Readonly<{ known: false; workflowId: string; reason: string }>;

const maxFailureLength = 300;

function dateOf(timestamp: { seconds?: unknown; nanos?: number | null } | null | undefined): Date | null {
  if (timestamp === null || timestamp === undefined || timestamp.seconds === undefined) return null;
  const seconds = Number(timestamp.seconds);
  return Number.isFinite(seconds) ? new Date(seconds * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6)) : null;
}

const stateNames: Readonly<Record<number, string>> = { 1: 'scheduled', 2: 'started', 3: 'cancel_requested' };

/**
 * Reads an import workflow's pending activities (attempt, last failure, next retry) with Temporal's describe, so
 * support sees what a still-running import waits on; a Temporal that cannot be reached is an answer, not an error.
 */
export function importProgress(client: Client, timeoutMs = 3_000) {
  return async (workflowId: string): Promise<WorkflowProgress> => {
    try {
      const description = await client.connection.withDeadline(Date.now() + timeoutMs, () =>
        client.workflow.getHandle(workflowId).describe(),
      );
      const raw = description.raw;
      const pendingSteps = (raw.pendingActivities ?? []).map((activity) => ({
        activity: activity.activityType?.name ?? 'unknown',
        state: stateNames[Number(activity.state ?? 0)] ?? 'unknown',
        attempt: activity.attempt ?? 1,
        lastFailure:
          activity.lastFailure?.message === undefined || activity.lastFailure.message === null
            ? null
            : activity.lastFailure.message.slice(0, maxFailureLength),
        lastStartedAt: dateOf(activity.lastStartedTime),
        nextAttemptAt: dateOf(activity.nextAttemptScheduleTime),
      }));
      const task = raw.pendingWorkflowTask;
      return {
        known: true,
        workflowId,
        status: description.status.name.toLowerCase(),
        pendingSteps,
        waitingForWorkerSince: task === null || task === undefined ? null : dateOf(task.scheduledTime),
      };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        return { known: false, workflowId, reason: 'Temporal no longer knows this workflow (past its retention).' };
      }
      return { known: false, workflowId, reason: 'Temporal could not be asked right now; try again in a minute.' };
    }
  };
}
export type ImportProgress = ReturnType<typeof importProgress>;
