import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** What one listener gives a client before it is cut off; a real client (Carsys, a scraper) never meets them. */
export type ListenerLimits = Readonly<{
  /** From the connection (or the previous request) to the end of the request's headers. */
  headersTimeoutMs: number;
  /** From the connection to the end of the request's body. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections at once; more are closed as they come. */
  maxConnections: number;
  /** Open connections at once from one client address (null: no such bound, e.g. behind a load balancer). */
  maxConnectionsPerClient: number | null;
}>;

/**
 * An HTTP server that holds no connection longer or in greater numbers than `limits` allow, so a client sending
 * headers or a body byte by byte, or opening connections it never uses, costs us at most those bounds. Node checks
 * the header and request timeouts every `connectionsCheckingInterval` (30 s by default, which would let a slow
 * client stay 30 s beyond them), so the check runs at a fifth of the shorter timeout.
 */
export function boundedServer(app: RequestListener, limits: ListenerLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 5),
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  const perClient = limits.maxConnectionsPerClient;
  if (perClient !== null) {
    const open = new Map<string, number>();
    server.on('connection', (socket: Socket) => {
      const client = socket.remoteAddress ?? '';
      const count = open.get(client) ?? 0;
      if (count >= perClient) {
        socket.destroy();
        return;
      }
      open.set(client, count + 1);
      socket.once('close', () => {
        const left = (open.get(client) ?? 1) - 1;
        if (left === 0) open.delete(client);
        else open.set(client, left);
      });
    });
  }
  return server;
}
