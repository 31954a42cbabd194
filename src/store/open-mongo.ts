import { MongoClient, type Db } from 'mongodb';
import type { Config } from '../config.js';
import { collectionsOf, type Collections } from './collections.js';
import { ensureIndexes } from './indexes.js';
import { reconnectWhenMonitorHangs } from './mongo-watchdog.js';

export type MongoHandle = Readonly<{ client: MongoClient; db: Db; collections: Collections }>;

/**
 * Opens the database and makes sure its indexes exist. `serverSelectionTimeoutMS` bounds how long an operation waits
 * for an unreachable database: short for the receiver (answer 503 quickly), longer for workers (Temporal retries).
 */
export async function openMongo(config: Config['mongo'], serverSelectionTimeoutMS: number): Promise<MongoHandle> {
  const client = new MongoClient(config.url, { serverSelectionTimeoutMS, appName: 'claire-carsys-import' });
  await client.connect();
  reconnectWhenMonitorHangs(client);
  const db = client.db(config.database);
  const collections = collectionsOf(db);
  await ensureIndexes(collections);
  return { client, db, collections };
}
