import { MongoClient, type Db } from 'mongodb';
import type { Config } from '../config.js';
import { collectionsOf, type Collections } from '../store/collections.js';
import { ensureIndexes } from '../store/indexes.js';
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
