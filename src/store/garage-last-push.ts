import { MongoServerError, type Collection } from 'mongodb';

/** One document per garage: when its newest accepted push arrived. `null`: looked for once, none found. */
export type LastPushDocument = { _id: string; lastPushAt: Date | null };

export const lastPushCollectionName = 'garage_last_push';

// FerretDB 1.x upserts by reading, then inserting: two first pushes of one garage at once can both insert, and the
// second fails on the unique _id; its update then finds the document and applies.
async function upsertLatest(lastPushes: Collection<LastPushDocument>, garageId: string, at: Date | null) {
  const update = () => lastPushes.updateOne({ _id: garageId }, { $max: { lastPushAt: at } }, { upsert: true });
  try {
    await update();
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    await update();
  }
}

/**
 * The garages' last pushes, kept beside the import log so the silence report reads one small document per garage
 * instead of searching the whole log (FerretDB's SQLite backend uses no index but _id's, so that search scanned and
 * decoded every import, raw body included). `$max` makes each write commutative: any order gives the newest.
 */
export function garageLastPush(lastPushes: Collection<LastPushDocument>) {
  return {
    /** Called with every push recorded in the import log (and again when a retried step finds it recorded). */
    async note(garageId: string, receivedAt: Date): Promise<void> {
      await upsertLatest(lastPushes, garageId, receivedAt);
    },

    /**
     * The newest push of each garage, in one query. Garages with no document yet (a log written before they existed)
     * are looked up once in the log by `searchLog` and remembered, found or not.
     */
    async of(
      garageIds: readonly string[],
      searchLog: (garageIds: readonly string[]) => Promise<Map<string, Date>>,
    ): Promise<Map<string, Date>> {
      const known = await lastPushes.find({ _id: { $in: [...garageIds] } }).toArray();
      const found = new Map(known.map((doc) => [doc._id, doc.lastPushAt] as const));
      const missing = garageIds.filter((garageId) => !found.has(garageId));
      if (missing.length > 0) {
        const inLog = await searchLog(missing);
        for (const garageId of missing) {
          const lastPushAt = inLog.get(garageId) ?? null;
          await upsertLatest(lastPushes, garageId, lastPushAt);
          found.set(garageId, lastPushAt);
        }
      }
      return new Map([...found].flatMap(([garageId, at]) => (at === null ? [] : [[garageId, at] as const])));
    },
  };
}
export type GarageLastPush = ReturnType<typeof garageLastPush>;
