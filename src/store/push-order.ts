import { orderingTime, type PushOrder } from '../domain/ordering.js';
import type { ImportDocument, SourceStamp } from './documents.js';

/** Where the push that wrote a document stands in the order of versions, for documents old and new. */
export function pushOrderOf(source: Pick<SourceStamp, 'sentAt' | 'orderedAt' | 'receivedAt' | 'importId'>): PushOrder {
  return {
    orderedAt: source.orderedAt ?? orderingTime(source.sentAt, source.receivedAt).at,
    receivedAt: source.receivedAt,
    importId: source.importId,
  };
}

/** Where a push in the import log stands in that same order; one not yet mapped is placed at its receipt. */
export function importOrderOf(record: Pick<ImportDocument, '_id' | 'sentAt' | 'receivedAt'>): PushOrder {
  return {
    orderedAt: orderingTime(record.sentAt ?? record.receivedAt, record.receivedAt).at,
    receivedAt: record.receivedAt,
    importId: record._id,
  };
}
