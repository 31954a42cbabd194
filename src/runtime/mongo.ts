import { MongoClient, type Db } from 'mongodb';
import type { Config } from '../config.js';
import { collectionsOf, type Collections } from '../store/collections.js';
import { ensureIndexes } from '../store/indexes.js';
import { reconnectWhenMonitorHangs } from './mongo-watchdog.js';

export type MongoHandle = Readonly<{ client: MongoClient; db: Db; collections: Collections }>;

/**
 * Opens the database and makes sure its indexes exist. `serverSelectionTimeoutMS` bounds how long an operation waits
 * for an unreachable database: short for the receiver (answer 503 quickly), longer for workers (Temporal retries).
 * `socketTimeoutMS` bounds each round trip to a database that accepted the connection but does not answer (hung);
 * 0 waits for ever. The driver (7.9) ignores `timeoutMS`, so this is the bound that works.
 */
export async function openMongo(
  config: Config['mongo'],
  serverSelectionTimeoutMS: number,
  socketTimeoutMS = 0,
): Promise<MongoHandle> {
  const client = new MongoClient(config.url, {
    serverSelectionTimeoutMS,
    socketTimeoutMS,
    appName: 'claire-carsys-import',
  });
  await client.connect();
  reconnectWhenMonitorHangs(client);
  const db = client.db(config.database);
  const collections = collectionsOf(db);
  await ensureIndexes(collections);
  return { client, db, collections };
}
