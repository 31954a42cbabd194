import { createServer, connect, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { MongoClient } from 'mongodb';
import type { Config } from '../../src/config.js';
import { collectionsOf, type Collections } from '../../src/store/collections.js';

/**
 * A database that goes down and comes back for one worker only: a TCP relay in front of the real test database, so
 * an outage refuses connections for the code pointed at it while other test files keep their database.
 */
export type DatabaseOutage = Readonly<{
  /** The relay's address, for a receiver or worker of the test's own that should see the outage. */
  url: string;
  /** Collections reached through the relay; operations fail fast while it is down. */
  collections: Collections;
  /** Refuses connections and drops the open ones, as a stopped database does. */
  goDown: () => Promise<void>;
  /** Relays to the real database again. */
  comeBack: () => Promise<void>;
  close: () => Promise<void>;
}>;

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP port for the database relay');
  return address.port;
}

/**
 * Starts up and connected (the driver gives up for good on a client whose first connection fails, as a worker that
 * starts during an outage does too); `goDown` then makes every operation through it fail fast until `comeBack`.
 */
export async function databaseOutage(mongo: Config['mongo']): Promise<DatabaseOutage> {
  const target = new URL(mongo.url);
  const targetPort = Number(target.port === '' ? '27017' : target.port);
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  const relay = (incoming: Socket) => {
    const outgoing = connect(targetPort, target.hostname);
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    incoming.pipe(outgoing).pipe(incoming);
    incoming.on('close', () => outgoing.destroy());
    outgoing.on('close', () => incoming.destroy());
  };

  const goDown = async () => {
    if (server === undefined) return;
    const closing = server;
    server = undefined;
    closing.close();
    for (const socket of sockets) socket.destroy();
    await once(closing, 'close');
  };

  const comeBack = async () => {
    if (server !== undefined) return;
    server = createServer(relay);
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
  };

  const client = new MongoClient(`mongodb://127.0.0.1:${port}/`, {
    serverSelectionTimeoutMS: 2_000,
    appName: 'database-outage',
  });
  await comeBack();
  await client.connect();
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    collections: collectionsOf(client.db(mongo.database)),
    goDown,
    comeBack,
    close: async () => {
      await client.close();
      await goDown();
    },
  };
}
