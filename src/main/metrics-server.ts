import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { ImportMetrics } from '../metrics/import-metrics.js';

/** Serves `GET /metrics` for a worker process, which has no HTTP server of its own. */
export async function startMetricsServer(metrics: ImportMetrics, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  server.listen(port, host);
  await once(server, 'listening');
  return server;
}
