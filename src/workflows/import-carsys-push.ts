import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  patched,
  proxyActivities,
  proxyLocalActivities,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { ImportActivities } from '../activities/import-activities.js';
import type { ImportRequest } from '../domain/import-request.js';
import type { ImportStatus, PushIssue } from '../domain/import-status.js';
import { OutcomeKey } from '../temporal/search-attributes.js';

/** The failure type support and tests branch on: a push that breaks the contract, not worth retrying. */
export const invalidPushFailureType = 'InvalidPush';

// Database and network errors are retried with backoff until the database is back (rule 9); none is fatal.
const untilTheDatabaseIsBack = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' };

// The one step that does the real work is a regular activity: while the database is down, its attempts and last
// failure show in the Web UI's pending activities.
const { upsertDocuments } = proxyActivities<ImportActivities>({
  startToCloseTimeout: '30 seconds',
  retry: untilTheDatabaseIsBack,
});

// The import-log bookkeeping is one single-document write each: run in the worker beside the workflow, it saves two
// workflow tasks and two activity round trips per import (a third of the server's CPU per import, bench/NOTES.md),
// and each step is still recorded in history as a marker. Retries longer than a minute wait on a durable timer, so
// a database outage does not hold a workflow task open.
const { deduplicatePush, recordOutcome } = proxyLocalActivities<ImportActivities>({
  startToCloseTimeout: '30 seconds',
  retry: untilTheDatabaseIsBack,
});

// Pure steps run in the worker beside the workflow: no task-queue round trip, still recorded in history.
const { validatePush, mapPush } = proxyLocalActivities<ImportActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

function markOutcome(status: Exclude<ImportStatus, 'accepted'>): void {
  upsertSearchAttributes([{ key: OutcomeKey, value: status }]);
}

/** The failure type of an import that stopped for a reason nobody planned (a bug, a step out of retries). */
export const unplannedFailureType = 'ImportStopped';

// Versioning rule (README "Changing the workflow"): histories recorded before this patch end Failed with the import
// log left "accepted"; replaying them must take that old path, so the new one is behind its patch id.
const finalStatusOnUnplannedFailure = 'final-status-on-unplanned-failure';

type Step = 'validatePush' | 'mapPush' | 'upsertDocuments' | 'recordOutcome';

/** Imports one Carsys push: deduplicate, validate, map, upsert, record the outcome. */
export async function importCarsysPush(request: ImportRequest): Promise<ImportStatus> {
  const deduplication = await deduplicatePush(request);
  if (deduplication.alreadyHandled) {
    markOutcome('skipped_duplicate');
    return 'skipped_duplicate';
  }
  const progress: { step: Step } = { step: 'validatePush' };
  try {
    return await importRecordedPush(request, progress);
  } catch (error) {
    const invalid = error instanceof ApplicationFailure && error.type === invalidPushFailureType;
    if (invalid || !patched(finalStatusOnUnplannedFailure)) throw error;
    // Every import ends in a final status support can read and retry (rule 11), even when the workflow is cancelled.
    await CancellationScope.nonCancellable(() =>
      recordOutcome({
        importId: request.importId,
        status: 'failed',
        issues: [unplannedIssue(progress.step, error)],
        receivedAt: request.receivedAt,
      }),
    );
    markOutcome('failed');
    throw ApplicationFailure.create({
      type: unplannedFailureType,
      message: `The import stopped in step ${progress.step}; see the import log.`,
      nonRetryable: true,
      cause: error instanceof Error ? error : undefined,
    });
  }
}

// Error messages of our own steps name fields and codes, never values; still bounded, so a log line stays a line.
const maxMessageLength = 300;

function unplannedIssue(step: Step, error: unknown): PushIssue {
  const cause = error instanceof ActivityFailure && error.cause !== undefined ? error.cause : error;
  const said = cause instanceof Error ? cause.message : String(cause);
  return {
    path: `step.${step}`,
    code: 'import_stopped',
    message: `The import stopped in step ${step} for a reason nobody planned: ${said.slice(0, maxMessageLength)}`,
  };
}

async function importRecordedPush(request: ImportRequest, progress: { step: Step }): Promise<ImportStatus> {
  const { importId } = request;
  const validation = await validatePush(request.rawBodyBase64);
  if (!validation.ok) {
    await recordOutcome({ importId, status: 'failed', issues: validation.issues, receivedAt: request.receivedAt });
    markOutcome('failed');
    throw ApplicationFailure.create({
      type: invalidPushFailureType,
      message: `The push breaks the Carsys contract in ${validation.issues.length} field(s); see the import log.`,
      details: [validation.issues],
      nonRetryable: true,
    });
  }

  progress.step = 'mapPush';
  const mapped = await mapPush({ push: validation.push, receivedAt: request.receivedAt });
  progress.step = 'upsertDocuments';
  const written = await upsertDocuments({
    garageId: request.garageId,
    importId,
    receivedAt: request.receivedAt,
    push: mapped,
  });
  progress.step = 'recordOutcome';
  await recordOutcome({
    importId,
    receivedAt: request.receivedAt,
    status: written.outcome,
    warnings: mapped.warnings,
    documents: written.documents,
    sentAt: mapped.sentAt,
    ...(mapped.event === 'appointment.upsert' && mapped.car.registration !== null
      ? { registration: mapped.car.registration }
      : {}),
  });
  markOutcome(written.outcome);
  return written.outcome;
}
