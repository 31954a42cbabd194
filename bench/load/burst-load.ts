import autocannon from 'autocannon';
import type { BenchPush } from '../workload/push-bodies.js';
import { pushPath, signedHeaders } from '../workload/signed-headers.js';

/** What the load generator saw: when each answer came, how long it took, and how it ended. */
export type LoadOutcome = Readonly<{
  startedAt: number;
  endedAt: number;
  /** When the last request went out (epoch ms). */
  lastSentAt: number;
  /** Accept latency of every answered request, ms. */
  latenciesMs: number[];
  /** When each 2xx answer arrived (epoch ms). */
  acceptedAt: number[];
  statusCounts: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
}>;

/**
 * Sends every push once, as fast as `connections` keep-alive connections allow (closed loop: saturation). Each
 * request is built when it goes out, so it carries its own body, timestamp and signature.
 */
export async function sendBurst(url: string, pushes: readonly BenchPush[], connections: number): Promise<LoadOutcome> {
  let next = 0;
  const latenciesMs: number[] = [];
  const acceptedAt: number[] = [];
  const statusCounts: Record<string, number> = {};
  const startedAt = Date.now();
  const options: autocannon.Options = {
    url,
    connections,
    amount: pushes.length,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: pushPath,
        setupRequest: (request) => {
          const push = pushes[next++ % pushes.length];
          if (push === undefined) return request;
          return { ...request, headers: signedHeaders(push), body: push.body };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }));
      else resolve(done);
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latenciesMs.push(responseTime);
      statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) acceptedAt.push(Date.now());
    });
  });
  const endedAt = Date.now();
  return {
    startedAt,
    endedAt,
    lastSentAt: endedAt,
    latenciesMs,
    acceptedAt,
    statusCounts,
    errors: result.errors,
  };
}
