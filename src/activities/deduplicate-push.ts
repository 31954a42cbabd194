import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ImportStatus } from '../domain/import-status.js';
import { rawBodyText, type ImportRequest } from '../domain/import-request.js';
import { sealText } from '../store/encrypted-text.js';
import { importLog } from '../store/import-log.js';
import type { ActivityDependencies } from './dependencies.js';

export type Deduplication = Readonly<{ alreadyHandled: boolean; status: ImportStatus }>;

export function createDeduplicatePush({ collections, keyring, clock }: ActivityDependencies) {
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
