import { type Collection, type Filter, type UpdateFilter, MongoServerError } from 'mongodb';

type Stamped = { _id: string; source: { sentAt: Date; importId: string } };

export type GuardedWrite<T extends Stamped> = Readonly<{
  collection: Collection<T>;
  _id: string;
  sentAt: Date;
  importId: string;
  /** Extra conditions the stored document must meet to be overwritten (for example, work not started). */
  extraGuard?: Filter<T>;
  update: UpdateFilter<T>;
  /** The whole document to insert when none exists yet. */
  insert: () => T;
  /** Applied to the stored document when the guard refuses this push (for example, roles that stay true). */
  whenRefused?: UpdateFilter<T>;
}>;

/**
 * Writes a document only when this push is newer than the one that last wrote it (rule 3), or is that same push
 * being retried. Each step is a single-document atomic operation, so it needs no transaction and no atomic
 * upsert (FerretDB 1.x has neither): a guarded update, else an insert, and if a racing writer inserted first,
 * the guarded update once more.
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

async function guardedUpdateOrInsert<T extends Stamped>(write: GuardedWrite<T>): Promise<'written' | 'refused'> {
  // Read by _id alone first: FerretDB 1.x serves only a bare `{_id}` filter from its index and reads the whole
  // collection for any other (bench/NOTES.md), so a push that creates the document, or is plainly older, skips the
  // guarded update. The guard still decides every overwrite, so this only saves work.
  const stored = await write.collection.findOne({ _id: write._id } as Filter<T>, { projection: { source: 1 } });
  if (stored === null) {
    if (await inserted(write)) return 'written';
  } else if (stored.source.importId !== write.importId && stored.source.sentAt >= write.sentAt) {
    return 'refused';
  }
  const newerOrSamePush = { $or: [{ 'source.sentAt': { $lt: write.sentAt } }, { 'source.importId': write.importId }] };
  const guard = {
    _id: write._id,
    $and: write.extraGuard === undefined ? [newerOrSamePush] : [newerOrSamePush, write.extraGuard],
  } as Filter<T>;
  for (let attempt = 0; attempt < 2; attempt++) {
    const updated = await write.collection.updateOne(guard, write.update);
    if (updated.matchedCount === 1) return 'written';
    if (await inserted(write)) return 'written';
  }
  return 'refused';
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
