import { MongoServerError, type Collection, type Db } from 'mongodb';

/**
 * A support page sign-in. The `_id` is a hash of the session id the browser holds, never the id itself, so the
 * collection (or a backup of it) cannot be replayed as cookies.
 */
export type OperatorSessionDocument = {
  _id: string;
  operator: string;
  scopes: string[];
  createdAt: Date;
  lastSeenAt: Date;
  /** The earlier of the idle and the absolute expiry: the session ends then, and the TTL index deletes it. */
  expiresAt: Date;
  /** The absolute expiry, which use never pushes back. */
  endsAt: Date;
};

export const operatorSessionsCollectionName = 'operator_sessions';

// FerretDB 1.x has no TTL indexes (they came in 2.0); it refuses the option, so there the sessions are expired on
// read and pruned at each sign-in instead. Codes: 67 CannotCreateIndex, 197 InvalidIndexSpecificationOption,
// 238 NotImplemented.
const ttlUnsupportedCodes = new Set([67, 197, 238]);

/** The session collection: operators signed in on the support page, by the hash of their session id. */
export function operatorSessionStore(db: Db) {
  const sessions: Collection<OperatorSessionDocument> =
    db.collection<OperatorSessionDocument>(operatorSessionsCollectionName);
  return {
    /** Creates the TTL index where the database has them; returns whether it does. Idempotent. */
    async ensureIndexes(): Promise<{ ttl: boolean }> {
      try {
        await sessions.createIndex({ expiresAt: 1 }, { name: 'expires_at_ttl', expireAfterSeconds: 0 });
        return { ttl: true };
      } catch (error) {
        if (!(error instanceof MongoServerError) || !ttlUnsupportedCodes.has(Number(error.code))) throw error;
        await sessions.createIndex({ expiresAt: 1 }, { name: 'expires_at' });
        return { ttl: false };
      }
    },
    async insert(session: OperatorSessionDocument): Promise<void> {
      await sessions.insertOne({ ...session });
    },
    find(idHash: string): Promise<OperatorSessionDocument | null> {
      return sessions.findOne({ _id: idHash });
    },
    async touch(idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
      await sessions.updateOne({ _id: idHash }, { $set: { lastSeenAt, expiresAt } });
    },
    async delete(idHash: string): Promise<void> {
      await sessions.deleteOne({ _id: idHash });
    },
    /** Deletes every session that has ended, for databases without a TTL index; returns how many. */
    async deleteExpired(now: Date): Promise<number> {
      return (await sessions.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
    },
  };
}
export type OperatorSessionStore = ReturnType<typeof operatorSessionStore>;
