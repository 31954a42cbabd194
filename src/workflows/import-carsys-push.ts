import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { CheckedPush, Deduplication, ImportActivities, ImportOutcome } from '../activities/import-activities.js';
import type { ImportRequest } from '../domain/import-request.js';
import type { ImportStatus, PushIssue } from '../domain/import-status.js';
import { searchAttributeNames } from '../domain/search-attribute-names.js';

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
// and each step is still recorded in history as a marker.
const unboundedLocalImportLog = proxyLocalActivities<ImportActivities>({
  startToCloseTimeout: '30 seconds',
  retry: untilTheDatabaseIsBack,
});

// While a local activity retries, the worker keeps heartbeating its workflow task, three events every 8 s: a workflow
// waiting out a day-long outage would reach Temporal's 51,200-event limit. So the local step gets three attempts (at
// most about 45 s on a database that is down), and a step still failing then goes on as a regular activity, whose
// retries the server keeps without adding events (docs/reliability.md, long-outage).
const boundedLocalImportLog = proxyLocalActivities<ImportActivities>({
  startToCloseTimeout: '20 seconds',
  retry: { ...untilTheDatabaseIsBack, maximumAttempts: 3 },
});
const durableImportLog = proxyActivities<ImportActivities>({
  startToCloseTimeout: '30 seconds',
  retry: untilTheDatabaseIsBack,
});

// Versioning rule (README "Changing the workflow"): histories recorded before this patch retried the bookkeeping
// steps locally without limit; replaying them must take that old path.
const boundedImportLogSteps = 'bounded-import-log-steps';

async function locallyThenDurably<T>(local: () => Promise<T>, durable: () => Promise<T>): Promise<T> {
  try {
    return await local();
  } catch (error) {
    // A local activity out of attempts rejects with its last failure itself, not wrapped in an ActivityFailure. A
    // refusal (a forged import) is final wherever it runs; only a step still failing for a cause worth retrying
    // moves on.
    const failure = error instanceof ActivityFailure ? error.cause : error;
    const final = failure instanceof ApplicationFailure && failure.nonRetryable;
    if (final || isCancellation(error)) throw error;
    return await durable();
  }
}

function deduplicatePush(request: ImportRequest): Promise<Deduplication> {
  if (!patched(boundedImportLogSteps)) return unboundedLocalImportLog.deduplicatePush(request);
  return locallyThenDurably(
    () => boundedLocalImportLog.deduplicatePush(request),
    () => durableImportLog.deduplicatePush(request),
  );
}

function recordOutcome(outcome: ImportOutcome): Promise<void> {
  if (!patched(boundedImportLogSteps)) return unboundedLocalImportLog.recordOutcome(outcome);
  return locallyThenDurably(
    () => boundedLocalImportLog.recordOutcome(outcome),
    () => durableImportLog.recordOutcome(outcome),
  );
}

// Pure steps run in the worker beside the workflow: no task-queue round trip, still recorded in history.
const { validateAndMapPush, validatePush, mapPush } = proxyLocalActivities<ImportActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

// The same key the client starts the workflow with (src/temporal/search-attributes.ts), built here from the domain's
// name because workflow code may import only the workflow SDK, domain code and types (eslint.config.js).
const OutcomeKey = { name: searchAttributeNames.outcome, type: 'KEYWORD' } as const;

function markOutcome(status: Exclude<ImportStatus, 'accepted'>): void {
  upsertSearchAttributes([{ key: OutcomeKey, value: status }]);
}

/** The failure type of an import that stopped for a reason nobody planned (a bug, a step out of retries). */
export const unplannedFailureType = 'ImportStopped';

// Versioning rule (README "Changing the workflow"): histories recorded before this patch end Failed with the import
// log left "accepted"; replaying them must take that old path, so the new one is behind its patch id.
const finalStatusOnUnplannedFailure = 'final-status-on-unplanned-failure';

// Versioning rule (README "Changing the workflow"): histories recorded before this patch validate and map in two
// local steps; replaying them must take that old path.
const validateAndMapInOneStep = 'validate-and-map-in-one-step';

type Step = 'validatePush' | 'mapPush' | 'validateAndMapPush' | 'upsertDocuments' | 'recordOutcome';

/** Imports one Carsys push: deduplicate, validate, map, upsert, record the outcome. */
export async function importCarsysPush(request: ImportRequest): Promise<ImportStatus> {
  const deduplication = await deduplicatePush(request);
  if (deduplication.alreadyHandled) {
    markOutcome('skipped_duplicate');
    return 'skipped_duplicate';
  }
  const progress: { step: Step } = { step: 'validateAndMapPush' };
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

async function checkPush(request: ImportRequest, progress: { step: Step }): Promise<CheckedPush> {
  const { rawBodyBase64, receivedAt } = request;
  if (patched(validateAndMapInOneStep)) return validateAndMapPush({ rawBodyBase64, receivedAt });
  progress.step = 'validatePush';
  const validation = await validatePush(rawBodyBase64);
  if (!validation.ok) return validation;
  progress.step = 'mapPush';
  return { ok: true, push: await mapPush({ push: validation.push, receivedAt }) };
}

async function importRecordedPush(request: ImportRequest, progress: { step: Step }): Promise<ImportStatus> {
  const { importId } = request;
  const checked = await checkPush(request, progress);
  if (!checked.ok) {
    await recordOutcome({ importId, status: 'failed', issues: checked.issues, receivedAt: request.receivedAt });
    markOutcome('failed');
    throw ApplicationFailure.create({
      type: invalidPushFailureType,
      message: `The push breaks the Carsys contract in ${checked.issues.length} field(s); see the import log.`,
      details: [checked.issues],
      nonRetryable: true,
    });
  }

  const mapped = checked.push;
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
