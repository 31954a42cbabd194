import { MongoClient } from 'mongodb';

/**
 * Drops the run's databases once every process that used them has stopped: FerretDB deletes a database's SQLite
 * files on drop, which must not happen while another connection still reads them.
 */
export async function dropDatabases(mongoUrl: string, names: Iterable<string>): Promise<void> {
  const client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    for (const name of names) await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}
