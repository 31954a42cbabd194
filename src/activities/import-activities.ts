import type { Keyring } from '../crypto/keyring.js';
import type { ImportMetrics } from '../metrics/import-metrics.js';
import type { Collections } from '../store/collections.js';
import type { RejectionLog } from '../store/rejections.js';
import { voucherHolds } from '../crypto/voucher.js';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ImportStatus, PushIssue, PushWarning } from '../domain/import-status.js';
import { rawBodyText, sha256Hex, type ImportRequest } from '../domain/import-request.js';
import { sealText } from '../store/encrypted-text.js';
import { importLog } from '../store/import-log.js';
import { validatePushBody, type PushValidation } from '../domain/contract/validate-push.js';
import type { CarsysPush } from '../domain/contract/push-schema.js';
import { orderingTime } from '../domain/ordering.js';
import { mapPush as mapValidPush } from '../domain/mapping/map-push.js';
import type { MappedPush } from '../domain/mapping/mapped-push.js';
import { writeDocuments, type DocumentsWritten } from '../store/write-documents.js';
import type { WrittenDocuments } from '../store/documents.js';

/** Everything activities touch, passed in so tests give them real ones. */
export type ActivityDependencies = Readonly<{
  collections: Collections;
  /** The garage directory (or, in tests, CARSYS_GARAGES as a map): read in memory, never a query per import. */
  garages: Readonly<{ get: (garageId: string) => { keepImportingAfterWorkStarted: boolean } | undefined }>;
  /** Encrypts the raw push before it is stored: it holds customers' personal data. */
  keyring: Keyring;
  clock: () => Date;
  /** Counts finished imports; absent where nobody scrapes (benchmarks, some tests). */
  metrics?: ImportMetrics;
  /** Where a refused (forged) import request is recorded for support. */
  rejections: Pick<RejectionLog, 'record'>;
  /** Requests without a voucher are imported until then (the first deploy of vouchers); null: never. */
  unvouchedImportsUntil: Date | null;
}>;

export type Deduplication = Readonly<{ alreadyHandled: boolean; status: ImportStatus }>;

/** The failure type of an import request the receiver did not start: refused before anything is written. */
export const forgedImportFailureType = 'ForgedImport';

/**
 * Refuses a request that neither the receiver nor a support retry vouched for (anyone with access to the Temporal
 * namespace can start a workflow), or whose body is not the one vouched for, and records it for support.
 */
async function refuseUnlessVouched(deps: ActivityDependencies, workflowId: string, request: ImportRequest) {
  // A forged input need not even have the request's shape: whatever does not check out is refused, never retried.
  const given = request as Partial<Record<keyof ImportRequest, unknown>> | null;
  const authentic = (() => {
    try {
      if (typeof given?.rawBodyBase64 !== 'string' || typeof given.bodySha256 !== 'string') return false;
      if (sha256Hex(Buffer.from(given.rawBodyBase64, 'base64')) !== given.bodySha256) return false;
      if (voucherHolds(deps.keyring, { ...request, workflowId }, request.voucher)) return true;
      return (
        given.voucher === undefined && deps.unvouchedImportsUntil !== null && deps.clock() < deps.unvouchedImportsUntil
      );
    } catch {
      return false;
    }
  })();
  if (authentic) return;
  await deps.rejections.record({
    garageIdClaimed: typeof given?.garageId === 'string' ? given.garageId.slice(0, 128) : null,
    status: 403,
    code: 'forged_import',
    at: deps.clock(),
    sizeBytes: typeof given?.rawBodyBase64 === 'string' ? Math.floor((given.rawBodyBase64.length * 3) / 4) : null,
    requestId: workflowId,
  });
  throw ApplicationFailure.create({
    type: forgedImportFailureType,
    message: 'Refused: this import was not started by the receiver or a support retry; nothing was written.',
    nonRetryable: true,
  });
}

function createDeduplicatePush(deps: ActivityDependencies) {
  const { collections, keyring, clock } = deps;
  const log = importLog(collections);
  /** Records the push in the permanent import log, or reports that an earlier run already handled it. */
  return async function deduplicatePush(request: ImportRequest): Promise<Deduplication> {
    // The run is read from the context, not passed in: an input larger than the workflow's own could exceed
    // Temporal's payload limit after the workflow was accepted, and the push would then never be recorded.
    const run = Context.current().info.workflowExecution;
    if (run === undefined) throw ApplicationFailure.nonRetryable('deduplicatePush runs only inside an import workflow');
    const { workflowId, runId } = run;
    await refuseUnlessVouched(deps, workflowId, request);
    if (request.retry !== undefined) {
      const claimed = await log.claimRetry(request.importId, {
        at: clock(),
        workflowId,
        runId,
        by: request.retry.by,
      });
      return { alreadyHandled: !claimed, status: claimed ? 'accepted' : 'skipped_duplicate' };
    }
    const { envelope } = request;
    const { record } = await log.recordReceipt({
      _id: request.importId,
      garageId: request.garageId,
      workflowId,
      runId,
      messageId: envelope.messageId,
      bodySha256: request.bodySha256,
      dmsNumber: envelope.dmsNumber,
      woNumber: envelope.woNumber,
      registration: envelope.registration,
      event: envelope.event,
      sentAt: null,
      receivedAt: new Date(request.receivedAt),
      requestId: request.requestId,
      rawBody: sealText(keyring, rawBodyText(request.rawBodyBase64)),
    });
    // Still "accepted" means this run (or a crashed attempt of it) owns the import and should finish it.
    return { alreadyHandled: record.status !== 'accepted', status: record.status };
  };
}

/** Checks the push against contract v1; pure, so the workflow runs it as a local activity. */
export function validatePush(rawBodyBase64: string): Promise<PushValidation> {
  return Promise.resolve(validatePushBody(rawBodyText(rawBodyBase64)));
}

/** Normalises a valid push into document fields; pure, so the workflow runs it as a local activity. */
export function mapPush(input: { push: CarsysPush; receivedAt: string }): Promise<MappedPush> {
  return Promise.resolve(mapValidPush(input.push, input.receivedAt));
}

/** A push checked and normalised in one step: its document fields, or every field that breaks the contract. */
export type CheckedPush = Readonly<{ ok: true; push: MappedPush }> | Readonly<{ ok: false; issues: PushIssue[] }>;

/**
 * Checks the push against contract v1 and, when it holds, normalises it into document fields; pure, so the workflow
 * runs it as a local activity. One step instead of `validatePush` then `mapPush` saves a workflow activation and a
 * history marker that carried the whole validated push (bench/NOTES.md, change 11).
 */
export function validateAndMapPush(input: { rawBodyBase64: string; receivedAt: string }): Promise<CheckedPush> {
  const validation = validatePushBody(rawBodyText(input.rawBodyBase64));
  if (!validation.ok) return Promise.resolve({ ok: false, issues: validation.issues });
  return Promise.resolve({ ok: true, push: mapValidPush(validation.push, input.receivedAt) });
}

export type UpsertDocumentsInput = Readonly<{
  garageId: string;
  importId: string;
  receivedAt: string;
  push: MappedPush;
}>;

/** The writing step alone, for workers whose write step tests hold, slow or cut off from the database. */
export function createUpsertDocuments({
  collections,
  garages,
  clock,
}: Pick<ActivityDependencies, 'collections' | 'garages' | 'clock'>) {
  /** Writes the appointment, car and parties of one push, newest version wins; safe to retry. */
  return async function upsertDocuments(input: UpsertDocumentsInput): Promise<DocumentsWritten> {
    const { push } = input;
    const sentAt = new Date(push.sentAt);
    const receivedAt = new Date(input.receivedAt);
    return writeDocuments(collections, {
      garageId: input.garageId,
      push,
      source: {
        dms: 'carsys',
        sentAt,
        // Worked out here, not in mapping, so an import mapped before the rule existed is ordered by it too.
        orderedAt: orderingTime(sentAt, receivedAt).at,
        messageId: push.messageId,
        importId: input.importId,
        receivedAt,
      },
      keepImportingAfterWorkStarted: garages.get(input.garageId)?.keepImportingAfterWorkStarted ?? false,
      now: clock(),
    });
  };
}

export type ImportOutcome = Readonly<{
  importId: string;
  status: Exclude<ImportStatus, 'accepted'>;
  issues?: readonly PushIssue[];
  warnings?: readonly PushWarning[];
  documents?: WrittenDocuments | null;
  sentAt?: string | null;
  registration?: string | null;
  /** When the push arrived (ISO), to measure how long the import took. */
  receivedAt: string;
}>;

function createRecordOutcome({ collections, clock, metrics }: ActivityDependencies) {
  const log = importLog(collections);
  /** Stores how the import ended, so support finds it in the import log. */
  return async function recordOutcome(outcome: ImportOutcome): Promise<void> {
    const { sentAt, receivedAt, ...rest } = outcome;
    const finishedAt = clock();
    await log.finish({
      ...rest,
      ...(sentAt === undefined ? {} : { sentAt: sentAt === null ? null : new Date(sentAt) }),
      finishedAt,
    });
    metrics?.imports.inc({ outcome: outcome.status });
    metrics?.importSeconds.observe({ outcome: outcome.status }, (finishedAt.getTime() - Date.parse(receivedAt)) / 1000);
  };
}

/** Builds the import activities around their dependencies. */
export function createActivities(deps: ActivityDependencies) {
  return {
    deduplicatePush: createDeduplicatePush(deps),
    validateAndMapPush,
    // The two steps before validateAndMapPush, for imports started on the workflow code before its patch.
    validatePush,
    mapPush,
    upsertDocuments: createUpsertDocuments(deps),
    recordOutcome: createRecordOutcome(deps),
  };
}
export type ImportActivities = ReturnType<typeof createActivities>;
