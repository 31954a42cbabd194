import { type Collection, type Filter, type UpdateFilter, MongoServerError } from 'mongodb';
import { supersedes, type PushOrder } from '../domain/ordering.js';
import type { SourceStamp } from './documents.js';
import { pushOrderOf } from './push-order.js';

type Stamped = { _id: string; source: SourceStamp };

export type GuardedWrite<T extends Stamped> = Readonly<{
  collection: Collection<T>;
  _id: string;
  /** Where this push stands among the document's versions. */
  order: PushOrder;
  /** Extra conditions the stored document must meet to be overwritten (for example, work not started). */
  extraGuard?: Filter<T>;
  update: UpdateFilter<T>;
  /** The whole document to insert when none exists yet. */
  insert: () => T;
  /** Applied to the stored document when the guard refuses this push (for example, roles that stay true). */
  whenRefused?: UpdateFilter<T>;
}>;

/**
 * Writes a document only when this push comes later than the one that last wrote it (rule 3, docs/ordering.md), or
 * is that same push being retried. Each step is a single-document atomic operation, so it needs no transaction and
 * no atomic upsert (FerretDB 1.x has neither): read the stamp, decide in code, then update only if the stamp is still
 * the one read (else read again); insert when there is no document, and if a racing writer inserted first, read it.
 */
export function guardedWrite<T extends Stamped>(write: GuardedWrite<T>): Promise<'written' | 'refused'> {
  return withDocumentLock(`${write.collection.collectionName}/${write._id}`, async () => {
    const outcome = await guardedUpdateOrInsert(write);
    if (outcome === 'refused' && write.whenRefused !== undefined) {
      await write.collection.updateOne({ _id: write._id } as Filter<T>, write.whenRefused);
    }
    return outcome;
  });
}

// Each lost race means another push wrote the document in between; more than a few in a row is not a race but a bug,
// and the error lets the activity retry.
const maxRaces = 5;

async function guardedUpdateOrInsert<T extends Stamped>(write: GuardedWrite<T>): Promise<'written' | 'refused'> {
  for (let race = 0; race < maxRaces; race++) {
    // Read by _id alone: FerretDB 1.x serves a bare `{_id}` filter from its index (bench/NOTES.md). The order is decided
    // in code because documents written before `source.orderedAt` existed need the rule applied to what they hold.
    const stored = await write.collection.findOne({ _id: write._id } as Filter<T>, { projection: { source: 1 } });
    if (stored === null) {
      if (await inserted(write)) return 'written';
      continue;
    }
    if (!supersedes(write.order, pushOrderOf(stored.source))) return 'refused';
    // Compare and set: the update applies only while the document still holds the version just read.
    const sameVersion = { 'source.importId': stored.source.importId };
    const unchanged = byIdAnd<T>(write._id, [sameVersion]);
    const guard = byIdAnd<T>(
      write._id,
      write.extraGuard === undefined ? [sameVersion] : [sameVersion, write.extraGuard],
    );
    const updated = await write.collection.updateOne(guard, write.update);
    if (updated.matchedCount === 1) return 'written';
    const stillThere = await write.collection.countDocuments(unchanged);
    if (stillThere === 1) return 'refused';
  }
  throw new Error(`${write.collection.collectionName} ${write._id} changed under ${maxRaces} writes in a row`);
}

// The driver's Filter cannot check dotted paths into a generic document type.
function byIdAnd<T extends Stamped>(_id: string, conditions: object[]): Filter<T> {
  return { _id, $and: conditions } as unknown as Filter<T>;
}

/** Inserts the whole document; false when a racing writer inserted it first. */
async function inserted<T extends Stamped>(write: GuardedWrite<T>): Promise<boolean> {
  try {
    // The driver's OptionalUnlessRequiredId cannot see that T always carries a string _id.
    await write.collection.insertOne(write.insert() as Parameters<Collection<T>['insertOne']>[0]);
    return true;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return false;
  }
}

/** True for E11000: a unique index refused a second document for one key. */
export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

const queues = new Map<string, Promise<void>>();

/**
 * Runs `work` once every earlier work on the same key in this process has finished. FerretDB 1.x runs an update as a
 * read, then a whole-document write in another transaction, so two concurrent guarded updates of one document can
 * both pass the guard and the older push win, or one `$addToSet` undo another. MongoDB's single-document updates are
 * atomic and need no lock; this keeps one worker correct on FerretDB too (several workers need MongoDB).
 */
export async function withDocumentLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  let release = () => undefined as void;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  const queue = previous.then(() => mine);
  queues.set(key, queue);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (queues.get(key) === queue) queues.delete(key);
  }
}
