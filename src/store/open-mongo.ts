import { MongoClient, type Db } from 'mongodb';
import type { Config } from '../config.js';
import { collectionsOf, type Collections } from './collections.js';
import { ensureIndexes } from './indexes.js';
import { reconnectWhenMonitorHangs } from './mongo-watchdog.js';

export type MongoHandle = Readonly<{ client: MongoClient; db: Db; collections: Collections }>;

/**
 * Opens the database and makes sure its indexes exist. `serverSelectionTimeoutMS` bounds how long an operation waits
 * for an unreachable database: short for the receiver (answer 503 quickly), longer for workers (Temporal retries).
 * A hung database accepts connections and answers nothing: `socketTimeoutMS` bounds each round trip and
 * `connectTimeoutMS` each new connection's handshake (and the monitor's heartbeat); the driver's defaults wait for
 * ever and 30 s. The driver (7.9) ignores `timeoutMS`, so these are the bounds that work.
 */
export async function openMongo(
  config: Config['mongo'],
  serverSelectionTimeoutMS: number,
  timeouts: Readonly<{ socketTimeoutMS?: number; connectTimeoutMS?: number }> = {},
): Promise<MongoHandle> {
  const client = new MongoClient(config.url, {
    serverSelectionTimeoutMS,
    ...timeouts,
    appName: 'claire-carsys-import',
  });
  await client.connect();
  reconnectWhenMonitorHangs(client);
  const db = client.db(config.database);
  const collections = collectionsOf(db);
  await ensureIndexes(collections);
  return { client, db, collections };
}

/**
 * Opens the database without waiting for it, for the receiver: started while the database is down or hung, it
 * listens and accepts pushes at once (product rule 1), and the driver connects at the first operation. `prepare`
 * (the indexes) runs in the background, again every `retryEveryMs` until it has succeeded once.
 */
export function openMongoInBackground(
  config: Config['mongo'],
  serverSelectionTimeoutMS: number,
  timeouts: Readonly<{ socketTimeoutMS?: number; connectTimeoutMS?: number }>,
  background: Readonly<{
    prepare: (handle: MongoHandle) => Promise<void>;
    onRetry: (error: unknown) => void;
    retryEveryMs: number;
  }>,
): MongoHandle & { stopPreparing: () => void } {
  const client = new MongoClient(config.url, {
    serverSelectionTimeoutMS,
    ...timeouts,
    appName: 'claire-carsys-import',
  });
  reconnectWhenMonitorHangs(client);
  const db = client.db(config.database);
  const handle: MongoHandle = { client, db, collections: collectionsOf(db) };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = (): void => {
    background.prepare(handle).catch((error: unknown) => {
      if (stopped) return;
      background.onRetry(error);
      timer = setTimeout(attempt, background.retryEveryMs);
      timer.unref();
    });
  };
  attempt();
  return {
    ...handle,
    stopPreparing: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
