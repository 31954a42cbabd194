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
