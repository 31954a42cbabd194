import type { PushIssue, PushWarning, ImportStatus } from '../domain/import-status.js';
import type { Collections } from './collections.js';
import type { ImportDocument, WrittenDocuments } from './documents.js';
import { garageLastPush } from './garage-last-push.js';
import { isDuplicateKeyError } from './guarded-write.js';

export type PushReceipt = Omit<
  ImportDocument,
  'status' | 'issues' | 'warnings' | 'attempts' | 'finishedAt' | 'documents'
>;

export type ImportFinish = Readonly<{
  importId: string;
  status: Exclude<ImportStatus, 'accepted'>;
  issues?: readonly PushIssue[];
  warnings?: readonly PushWarning[];
  documents?: WrittenDocuments | null;
  sentAt?: Date | null;
  registration?: string | null;
  finishedAt: Date;
}>;

/** The import log: one record per accepted push, kept for good, so it is also the permanent dedup ledger. */
export function importLog(collections: Collections) {
  const imports = collections.imports;
  const lastPush = garageLastPush(collections.lastPushes);
  return {
    /** Records a push as accepted (and as its garage's last push), or returns the record that already holds it. */
    async recordReceipt(receipt: PushReceipt): Promise<{ created: boolean; record: ImportDocument }> {
      const record: ImportDocument = {
        ...receipt,
        status: 'accepted',
        issues: [],
        warnings: [],
        attempts: [],
        finishedAt: null,
        documents: null,
      };
      try {
        await imports.insertOne(record);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const existing = await imports.findOne({ _id: receipt._id });
        if (existing === null) throw error;
        // Again: the step may have failed after its insert and before noting the last push.
        await lastPush.note(existing.garageId, existing.receivedAt);
        return { created: false, record: existing };
      }
      await lastPush.note(record.garageId, record.receivedAt);
      return { created: true, record };
    },

    /** Stores how an import ended. */
    async finish(finish: ImportFinish): Promise<void> {
      const { importId, ...fields } = finish;
      const set = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      await imports.updateOne({ _id: importId }, { $set: set });
    },

    /**
     * Reopens a failed import for a support retry and records the attempt. Only a failed import can be reopened; a
     * retried activity finds its own attempt already recorded and carries on.
     */
    async claimRetry(importId: string, attempt: ImportDocument['attempts'][number]): Promise<boolean> {
      const reopened = await imports.updateOne(
        { _id: importId, status: 'failed' },
        { $set: { status: 'accepted', issues: [], finishedAt: null }, $push: { attempts: attempt } },
      );
      if (reopened.matchedCount === 1) return true;
      const mine = await imports.countDocuments({
        _id: importId,
        status: 'accepted',
        'attempts.workflowId': attempt.workflowId,
      });
      return mine === 1;
    },

    /**
     * Counts a resend that was answered as a duplicate, so support can see how often Carsys sent it. Only a finished
     * import is counted: FerretDB 1.x writes back the whole document it read, so counting while the worker finishes
     * the import could put its status back to `accepted`.
     */
    async noteDuplicate(importId: string, at: Date): Promise<void> {
      await imports.updateOne(
        { _id: importId, status: { $ne: 'accepted' } },
        { $inc: { duplicatesReceived: 1 }, $set: { lastDuplicateAt: at } },
      );
    },
  };
}
export type ImportLog = ReturnType<typeof importLog>;
