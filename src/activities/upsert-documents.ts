import type { MappedPush } from '../domain/mapping/mapped-push.js';
import { orderingTime } from '../domain/ordering.js';
import { writeDocuments, type DocumentsWritten } from '../store/write-documents.js';
import type { ActivityDependencies } from './dependencies.js';

export type UpsertDocumentsInput = Readonly<{
  garageId: string;
  importId: string;
  receivedAt: string;
  push: MappedPush;
}>;

export function createUpsertDocuments({ collections, garages, clock }: ActivityDependencies) {
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
