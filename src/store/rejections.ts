import { MongoServerError, type Collection, type Db, type Filter } from 'mongodb';
import {
  addTally,
  hourOf,
  samplesPerTally,
  tallyKey,
  tallyOf,
  type RefusalTally,
  type RejectionDocument,
} from './rejection-tally.js';

export type { RefusalTally, RejectionDocument } from './rejection-tally.js';

/** What the log stores: counts per garage, reason and hour, with a few examples each. */
export type RejectionCountDocument = RefusalTally & { _id: string };

/** A garage's refusals for one reason over a period: what support and the overview page read. */
export type RefusalCount = Pick<RefusalTally, 'garageIdClaimed' | 'code' | 'status' | 'count' | 'firstAt' | 'lastAt'>;

export const rejectionCountsCollectionName = 'rejection_counts';
/**
 * One document per refused request, as the receiver wrote them before the counts. Still read, so what an older
 * version recorded keeps showing, and pruned by the same retention: it empties itself within that time.
 */
export const rejectionsCollectionName = 'rejected_requests';

/** The oldest requests of the older per-request log read by one question, as that log's readers capped them. */
const legacyCap = 5_000;

function counts(db: Db): Collection<RejectionCountDocument> {
  return db.collection<RejectionCountDocument>(rejectionCountsCollectionName);
}
function legacy(db: Db): Collection<RejectionDocument> {
  return db.collection<RejectionDocument>(rejectionsCollectionName);
}

function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

async function addToStored(collection: Collection<RejectionCountDocument>, tally: RefusalTally): Promise<void> {
  const _id = tallyKey(tally);
  const count = () =>
    collection.updateOne(
      { _id },
      {
        $inc: { count: tally.count },
        $min: { firstAt: tally.firstAt },
        $max: { lastAt: tally.lastAt },
        $setOnInsert: {
          garageIdClaimed: tally.garageIdClaimed,
          status: tally.status,
          code: tally.code,
          hour: tally.hour,
          samples: [],
        },
      },
      { upsert: true },
    );
  try {
    await count();
  } catch (error) {
    // FerretDB 1.x upserts by reading, then inserting: a racing writer's insert wins, and this update then applies.
    if (!isDuplicateKey(error)) throw error;
    await count();
  }
  // FerretDB 1.x ignores `$slice`: examples are added only while there are fewer than a handful (a race adds one
  // handful more at most). Examples only: a failure here must not count the refusals twice by retrying the count.
  await collection
    .updateOne(
      { _id, [`samples.${samplesPerTally - 1}`]: { $exists: false } },
      { $push: { samples: { $each: tally.samples.slice(0, samplesPerTally) } } },
    )
    .catch(() => undefined);
}

/** Counts of the period (to the hour: a count is in when its hour overlaps the period), then the older log's. */
export async function tallies(
  db: Db,
  query: { from?: Date | undefined; to?: Date | undefined; garageId?: string | undefined; limit?: number },
): Promise<RefusalTally[]> {
  const garage = query.garageId === undefined ? {} : { garageIdClaimed: query.garageId };
  const hour: Filter<RejectionCountDocument> =
    query.from === undefined && query.to === undefined
      ? {}
      : {
          hour: {
            ...(query.from === undefined ? {} : { $gte: hourOf(query.from) }),
            ...(query.to === undefined ? {} : { $lt: query.to }),
          },
          ...(query.from === undefined ? {} : { lastAt: { $gte: query.from } }),
        };
  const at: Filter<RejectionDocument> =
    query.from === undefined && query.to === undefined
      ? {}
      : {
          at: {
            ...(query.from === undefined ? {} : { $gte: query.from }),
            ...(query.to === undefined ? {} : { $lt: query.to }),
          },
        };
  const stored = counts(db)
    .find({ ...garage, ...hour }, { projection: { _id: 0 } })
    .sort({ hour: -1 });
  const [current, older] = await Promise.all([
    (query.limit === undefined ? stored : stored.limit(query.limit)).toArray(),
    legacy(db)
      .find({ ...garage, ...at }, { projection: { _id: 0 } })
      .sort({ at: -1 })
      .limit(legacyCap)
      .toArray(),
  ]);
  const folded = new Map<string, RefusalTally>();
  // A count read between its two writes may have no examples yet.
  for (const tally of current) addTally(folded, { ...tally, samples: tally.samples ?? [] });
  // The older log kept whatever id was sent; its documents are shown as they were recorded.
  for (const rejection of older)
    addTally(
      folded,
      tallyOf(rejection, () => true),
    );
  return [...folded.values()].sort((a, b) => b.hour.getTime() - a.hour.getTime() || b.count - a.count);
}

/**
 * A garage's refusals by reason between `from` and `to` (every garage's when `garageId` is left out), newest reason
 * first. Counted by the hour: an hour that overlaps the period counts whole.
 */
export async function refusalsByGarageAndReason(
  db: Db,
  query: { from: Date; to: Date; garageId?: string },
): Promise<RefusalCount[]> {
  const byReason = new Map<string, RefusalCount>();
  for (const tally of await tallies(db, query)) {
    const key = JSON.stringify([tally.garageIdClaimed, tally.code, tally.status]);
    const group = byReason.get(key);
    if (group === undefined) {
      const { garageIdClaimed, code, status, count, firstAt, lastAt } = tally;
      byReason.set(key, { garageIdClaimed, code, status, count, firstAt, lastAt });
    } else {
      group.count += tally.count;
      if (tally.firstAt < group.firstAt) group.firstAt = tally.firstAt;
      if (tally.lastAt > group.lastAt) group.lastAt = tally.lastAt;
    }
  }
  return [...byReason.values()].sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime());
}

/**
 * The rejection log, so support can see "this garage's pushes fail their signature since 10:02". It counts: one
 * document per garage, reason and hour, whatever the number of requests, and refusals claiming a garage that is not
 * configured share one count, so a flood of forged ids cannot grow the database or bury a real garage's refusals.
 */
export function rejectionLog(db: Db, options: { isKnownGarage: (garageId: string) => boolean; retentionDays: number }) {
  return {
    async ensureIndexes(): Promise<void> {
      await counts(db).createIndex({ garageIdClaimed: 1, hour: -1 }, { name: 'garage_hour' });
      await counts(db).createIndex({ hour: -1 }, { name: 'hour' });
      await legacy(db).createIndex({ garageIdClaimed: 1, at: -1 }, { name: 'garage_at' });
      await legacy(db).createIndex({ at: -1 }, { name: 'at' });
    },
    async record(rejection: RejectionDocument): Promise<void> {
      await addToStored(counts(db), tallyOf(rejection, options.isKnownGarage));
    },
    /** Adds a count folded in memory (the receiver's buffer) in one atomic write. */
    async recordTally(tally: RefusalTally): Promise<void> {
      await addToStored(counts(db), tally);
    },
    /** Counts per hour, newest first; the counts' samples hold the ids actually claimed. */
    list: (query: { garageId?: string | undefined; from?: Date | undefined; to?: Date | undefined; limit: number }) =>
      tallies(db, query).then((found) => found.slice(0, query.limit)),
    refusalsByGarageAndReason: (query: { from: Date; to: Date; garageId?: string }) =>
      refusalsByGarageAndReason(db, query),
    /** Forgets counts (and older per-request documents) past the retention; the receiver calls it hourly. */
    async prune(now: Date): Promise<void> {
      const cutoff = new Date(now.getTime() - options.retentionDays * 86_400_000);
      await counts(db).deleteMany({ hour: { $lt: hourOf(cutoff) } });
      await legacy(db).deleteMany({ at: { $lt: cutoff } });
    },
  };
}
export type RejectionLog = ReturnType<typeof rejectionLog>;
