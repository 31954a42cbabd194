import type { ImportStatus } from '../domain/import-status.js';
import type { ImportRequest } from '../domain/import-request.js';
import { sealText } from '../store/encrypted-text.js';
import { importLog } from '../store/import-log.js';
import type { ActivityDependencies } from './dependencies.js';

export type Deduplication = Readonly<{ alreadyHandled: boolean; status: ImportStatus }>;

export function createDeduplicatePush({ collections, keyring }: ActivityDependencies) {
  const log = importLog(collections);
  /** Records the push in the permanent import log, or reports that an earlier run already handled it. */
  return async function deduplicatePush(
    request: ImportRequest,
    run: Readonly<{ workflowId: string; runId: string }>,
  ): Promise<Deduplication> {
    const { workflowId, runId } = run;
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
      rawBody: sealText(keyring, request.rawBody),
    });
    // Still "accepted" means this run (or a crashed attempt of it) owns the import and should finish it.
    return { alreadyHandled: record.status !== 'accepted', status: record.status };
  };
}
