import type { Collection, Db } from 'mongodb';

/** A push the receiver refused: metadata only, never the body, which is unauthenticated and may be anything. */
export type RejectionDocument = {
  garageIdClaimed: string | null;
  status: number;
  code: string;
  at: Date;
  sizeBytes: number | null;
  requestId: string;
};

export const rejectionsCollectionName = 'rejected_requests';

/** The rejection log, so support can see "this garage's pushes fail their signature since 10:02". */
export function rejectionLog(db: Db) {
  const rejections: Collection<RejectionDocument> = db.collection<RejectionDocument>(rejectionsCollectionName);
  return {
    async ensureIndexes(): Promise<void> {
      await rejections.createIndex({ garageIdClaimed: 1, at: -1 }, { name: 'garage_at' });
      await rejections.createIndex({ at: -1 }, { name: 'at' });
    },
    async record(rejection: RejectionDocument): Promise<void> {
      await rejections.insertOne({ ...rejection });
    },
    /** Several at once, in one round trip; the copies keep the driver's `_id` off the caller's objects. */
    async recordMany(batch: readonly RejectionDocument[]): Promise<void> {
      await rejections.insertMany(
        batch.map((rejection) => ({ ...rejection })),
        { ordered: false },
      );
    },
    /** The newest rejections, optionally for one claimed garage id. */
    async list(filter: { garageIdClaimed?: string; limit: number }): Promise<RejectionDocument[]> {
      const query = filter.garageIdClaimed === undefined ? {} : { garageIdClaimed: filter.garageIdClaimed };
      return rejections
        .find(query, { projection: { _id: 0 } })
        .sort({ at: -1 })
        .limit(filter.limit)
        .toArray();
    },
  };
}
export type RejectionLog = ReturnType<typeof rejectionLog>;
