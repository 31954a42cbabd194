import { orderingTime, type PushOrder } from '../domain/ordering.js';
import type { SourceStamp } from './documents.js';

/** Where the push that wrote a document stands in the order of versions, for documents old and new. */
export function pushOrderOf(source: Pick<SourceStamp, 'sentAt' | 'orderedAt' | 'receivedAt' | 'importId'>): PushOrder {
  return {
    orderedAt: source.orderedAt ?? orderingTime(source.sentAt, source.receivedAt).at,
    receivedAt: source.receivedAt,
    importId: source.importId,
  };
}
