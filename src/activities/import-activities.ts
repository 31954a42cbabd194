import type { GarageConfig } from '../config.js';
import type { Keyring } from '../crypto/keyring.js';
import type { ImportMetrics } from '../metrics/import-metrics.js';
import type { Collections } from '../store/collections.js';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ImportStatus, PushIssue, PushWarning } from '../domain/import-status.js';
import { rawBodyText, type ImportRequest } from '../domain/import-request.js';
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
  garages: ReadonlyMap<string, GarageConfig>;
  /** Encrypts the raw push before it is stored: it holds customers' personal data. */
  keyring: Keyring;
  clock: () => Date;
  /** Counts finished imports; absent where nobody scrapes (benchmarks, some tests). */
  metrics?: ImportMetrics;
}>;

export type Deduplication = Readonly<{ alreadyHandled: boolean; status: ImportStatus }>;

function createDeduplicatePush({ collections, keyring, clock }: ActivityDependencies) {
  const log = importLog(collections);
  /** Records the push in the permanent import log, or reports that an earlier run already handled it. */
  return async function deduplicatePush(request: ImportRequest): Promise<Deduplication> {
    // The run is read from the context, not passed in: an input larger than the workflow's own could exceed
    // Temporal's payload limit after the workflow was accepted, and the push would then never be recorded.
    const run = Context.current().info.workflowExecution;
    if (run === undefined) throw ApplicationFailure.nonRetryable('deduplicatePush runs only inside an import workflow');
    const { workflowId, runId } = run;
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

export type UpsertDocumentsInput = Readonly<{
  garageId: string;
  importId: string;
  receivedAt: string;
  push: MappedPush;
}>;

function createUpsertDocuments({ collections, garages, clock }: ActivityDependencies) {
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
    validatePush,
    mapPush,
    upsertDocuments: createUpsertDocuments(deps),
    recordOutcome: createRecordOutcome(deps),
  };
}
export type ImportActivities = ReturnType<typeof createActivities>;
