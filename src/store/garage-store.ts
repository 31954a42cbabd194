import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { EncryptedText } from './documents.js';

/** One HMAC secret of a garage, encrypted at rest; `validUntil` null means valid until someone retires it. */
export type GarageSecretDocument = {
  secretId: string;
  sealed: EncryptedText;
  createdAt: Date;
  validUntil: Date | null;
};

/** A garage Carsys pushes for: managed through the import API, never redeployed. */
export type GarageDocument = {
  _id: string;
  secrets: GarageSecretDocument[];
  keepImportingAfterWorkStarted: boolean;
  disabled: boolean;
  createdAt: Date;
  /** Set on every change: receivers poll for it (FerretDB has no change streams). */
  updatedAt: Date;
  /** Raised by one on every change, so a write based on an old read is refused instead of undoing another. */
  version: number;
  /** `bootstrap` when seeded from CARSYS_GARAGES. */
  source: 'api' | 'bootstrap';
};

export type GarageAuditAction =
  'garage_added' | 'garage_seeded' | 'secret_issued' | 'secret_retired' | 'garage_disabled' | 'garage_enabled';

/** Who changed what on which garage, and when; never a secret, only secret ids. */
export type GarageAuditDocument = {
  garageId: string;
  action: GarageAuditAction;
  by: string;
  at: Date;
  details: Record<string, string | number | boolean | null>;
};

export const garagesCollectionName = 'garages';
export const garageAuditCollectionName = 'garage_audit';

const duplicateKey = 11000;

/** The garages collection and its audit trail. */
export function garageStore(db: Db) {
  const garages: Collection<GarageDocument> = db.collection<GarageDocument>(garagesCollectionName);
  const audit: Collection<GarageAuditDocument> = db.collection<GarageAuditDocument>(garageAuditCollectionName);
  return {
    async ensureIndexes(): Promise<void> {
      await garages.createIndex({ updatedAt: 1 }, { name: 'updated_at' });
      await audit.createIndex({ garageId: 1, at: -1 }, { name: 'garage_at' });
    },
    /** Inserts a new garage; false when one with this id exists already. */
    async insert(garage: GarageDocument): Promise<boolean> {
      try {
        await garages.insertOne({ ...garage });
        return true;
      } catch (error) {
        if (error instanceof MongoServerError && error.code === duplicateKey) return false;
        throw error;
      }
    },
    find: (garageId: string) => garages.findOne({ _id: garageId }),
    list: () => garages.find({}).sort({ _id: 1 }).toArray(),
    /** Garages changed at or after `since` (all of them when null), for the directory's refresh. */
    changedSince: (since: Date | null) => garages.find(since === null ? {} : { updatedAt: { $gte: since } }).toArray(),
    /** Replaces the changing fields only if nobody changed the garage since it was read at `version`. */
    async update(
      garageId: string,
      version: number,
      change: Partial<Pick<GarageDocument, 'secrets' | 'disabled'>>,
      at: Date,
    ): Promise<boolean> {
      const result = await garages.updateOne(
        { _id: garageId, version },
        { $set: { ...change, updatedAt: at }, $inc: { version: 1 } },
      );
      return result.modifiedCount === 1;
    },
    async recordAudit(entry: GarageAuditDocument): Promise<void> {
      await audit.insertOne({ ...entry });
    },
    auditOf: (garageId: string, limit: number) =>
      audit
        .find({ garageId }, { projection: { _id: 0 } })
        .sort({ at: -1 })
        .limit(limit)
        .toArray(),
  };
}
export type GarageStore = ReturnType<typeof garageStore>;
