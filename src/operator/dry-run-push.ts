import { validatePushBody } from '../domain/contract/validate-push.js';
import {
  workStartedOrLaterStatuses,
  type WriteOutcome,
  type PushIssue,
  type PushWarning,
} from '../domain/import-status.js';
import { mapPush } from '../domain/mapping/map-push.js';

/** What the stored appointment says about whether a push may still write it. */
export type AppointmentGuard = Readonly<{ sentAt: Date; importId: string; status: string }>;

/** What a retry of a stored push would do with today's validation and mapping, and the appointment as it is now. */
export type RetryPrediction = Readonly<{
  outcome: WriteOutcome | 'failed';
  wouldSucceed: boolean;
  issues: readonly PushIssue[];
  warnings: readonly PushWarning[];
}>;

/**
 * Runs a stored raw push through the current validation and mapping and the same guards the document writer
 * applies (newest wins, work started), writing nothing; pure, so support can ask it as often as it likes.
 */
export function dryRunPush(input: {
  rawBody: string;
  importId: string;
  receivedAt: Date;
  appointment: AppointmentGuard | null;
  keepImportingAfterWorkStarted: boolean;
}): RetryPrediction {
  const validation = validatePushBody(input.rawBody);
  if (!validation.ok) return { outcome: 'failed', wouldSucceed: false, issues: validation.issues, warnings: [] };
  let mapped;
  try {
    mapped = mapPush(validation.push, input.receivedAt.toISOString());
  } catch (error) {
    const said = error instanceof Error ? error.message : String(error);
    return {
      outcome: 'failed',
      wouldSucceed: false,
      issues: [{ path: 'step.mapPush', code: 'import_stopped', message: `mapping stopped: ${said.slice(0, 300)}` }],
      warnings: [],
    };
  }
  const outcome = guardOutcome(
    input.appointment,
    new Date(mapped.sentAt),
    input.importId,
    input.keepImportingAfterWorkStarted,
  );
  return { outcome, wouldSucceed: outcome === 'imported', issues: [], warnings: mapped.warnings };
}

// The same order as the writer's refusal reason: stale wins over work started.
function guardOutcome(
  stored: AppointmentGuard | null,
  sentAt: Date,
  importId: string,
  keepImporting: boolean,
): WriteOutcome {
  if (stored === null || stored.importId === importId) return 'imported';
  if (stored.sentAt.getTime() >= sentAt.getTime()) return 'skipped_stale';
  const started = (workStartedOrLaterStatuses as readonly string[]).includes(stored.status);
  return started && !keepImporting ? 'skipped_work_started' : 'imported';
}
