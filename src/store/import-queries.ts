import type { Filter } from 'mongodb';
import { readRegistration, registrationOf } from '../domain/normalise/car-identity.js';
import { comparePushOrder } from '../domain/ordering.js';
import type { ImportFilter } from './import-filter.js';
import type { Collections } from './collections.js';
import type { ImportDocument } from './documents.js';
import { garageLastPush } from './garage-last-push.js';
import { importOrderOf } from './push-order.js';

/** An import as listed: everything but the encrypted raw body. */
export type ImportSummary = Omit<ImportDocument, 'rawBody'>;

type Cursor = { receivedAt: Date; id: string };

function encodeCursor(doc: ImportSummary): string {
  return Buffer.from(JSON.stringify([doc.receivedAt.toISOString(), doc._id])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor | undefined {
  try {
    const [receivedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(receivedAt);
    return Number.isNaN(date.getTime()) || typeof id !== 'string' ? undefined : { receivedAt: date, id };
  } catch {
    return undefined;
  }
}

/** Turns a support search into a query; a registration is matched in its normalised form, as it is stored. */
export function importQuery(filter: ImportFilter): Filter<ImportDocument> {
  const query: Filter<ImportDocument> = {};
  if (filter.garageId !== undefined) query.garageId = filter.garageId;
  if (filter.status !== undefined) query.status = filter.status;
  if (filter.woNumber !== undefined) query.woNumber = filter.woNumber;
  if (filter.dmsNumber !== undefined) query.dmsNumber = filter.dmsNumber;
  const stored = (registration: string) => registrationOf(readRegistration(registration)) ?? registration.toUpperCase();
  if (filter.registration !== undefined) query.registration = stored(filter.registration);
  if (filter.number !== undefined) {
    query.$or = [{ woNumber: filter.number }, { registration: stored(filter.number) }, { dmsNumber: filter.number }];
  }
  if (filter.warning !== undefined) query['warnings.code'] = filter.warning;
  if (filter.from !== undefined || filter.to !== undefined) {
    query.receivedAt = {
      ...(filter.from === undefined ? {} : { $gte: filter.from }),
      ...(filter.to === undefined ? {} : { $lt: filter.to }),
    };
  }
  return query;
}

export const withoutRawBody = { projection: { rawBody: 0 } } as const;

/** Read side of the import log for support: search, detail and the timeline of one appointment. */
export function importQueries(collections: Collections) {
  const imports = collections.imports;
  return {
    /** Newest first; `nextCursor` continues after the last item, stable while new imports arrive. */
    async search(
      filter: ImportFilter,
      page: { cursor?: string | undefined; limit: number },
    ): Promise<{ items: ImportSummary[]; nextCursor: string | null }> {
      const query = importQuery(filter);
      const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
      const paged: Filter<ImportDocument> =
        after === undefined
          ? query
          : {
              $and: [
                query,
                {
                  $or: [
                    { receivedAt: { $lt: after.receivedAt } },
                    { receivedAt: after.receivedAt, _id: { $lt: after.id } },
                  ],
                },
              ],
            };
      const items = await imports
        .find(paged, withoutRawBody)
        .sort({ receivedAt: -1, _id: -1 })
        .limit(page.limit + 1)
        .toArray();
      const more = items.length > page.limit;
      const shown = more ? items.slice(0, page.limit) : items;
      const last = shown[shown.length - 1];
      return { items: shown, nextCursor: more && last !== undefined ? encodeCursor(last) : null };
    },

    async find(importId: string): Promise<ImportSummary | null> {
      return imports.findOne({ _id: importId }, withoutRawBody);
    },

    /** Every push for one appointment, in the order newest-wins puts them (docs/ordering.md). */
    async timeline(garageId: string, dmsNumber: string): Promise<ImportSummary[]> {
      const found = await imports
        .find({ garageId, dmsNumber }, withoutRawBody)
        .sort({ sentAt: 1, receivedAt: 1 })
        .limit(500)
        .toArray();
      return found.sort((a, b) => comparePushOrder(importOrderOf(a), importOrderOf(b)));
    },

    /**
     * The newest push of each garage, for the silence alert: one query on the last-push documents; the log itself is
     * read, once, only for garages that have none yet (a log written before they existed).
     */
    async lastPushPerGarage(garageIds: readonly string[]): Promise<Map<string, Date>> {
      return garageLastPush(collections.lastPushes).of(garageIds, async (missing) => {
        // Unsorted, so FerretDB streams it batch by batch (sorting would read the whole log in one round trip).
        const newest = new Map<string, Date>();
        const cursor = imports.find(
          { garageId: { $in: [...missing] } },
          { projection: { _id: 0, garageId: 1, receivedAt: 1 }, batchSize: 500 },
        );
        for await (const { garageId, receivedAt } of cursor) {
          const known = newest.get(garageId);
          if (known === undefined || receivedAt > known) newest.set(garageId, receivedAt);
        }
        return newest;
      });
    },
  };
}
export type ImportQueries = ReturnType<typeof importQueries>;
