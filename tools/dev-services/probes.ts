import { connect } from 'node:net';
import { Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';

const PROBE_TIMEOUT_MS = 3_000;

/** True when something accepts TCP connections on host:port. */
export function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when the Temporal frontend serves gRPC and knows the namespace workers will use. */
export async function temporalAnswers(address: string, namespace = 'default'): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: PROBE_TIMEOUT_MS });
    const live = connection;
    await live.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () => live.workflowService.describeNamespace({ namespace }));
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close();
  }
}

/** True when an HTTP server answers the URL with a 2xx or 3xx status. */
export async function httpAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.status < 400;
  } catch {
    return false;
  }
}

/**
 * True when a MongoDB-wire server completes the driver's handshake (`hello`). Unlike a `ping`, this opens no session,
 * so FerretDB (which lacks `endSessions`) logs no warning each time it is probed.
 */
export async function mongoAnswers(url: string): Promise<boolean> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: PROBE_TIMEOUT_MS,
    connectTimeoutMS: PROBE_TIMEOUT_MS,
  });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}
