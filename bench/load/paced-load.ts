import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { BenchPush } from '../workload/push-bodies.js';
import { pushPath, signedHeaders } from '../workload/signed-headers.js';
import type { LoadOutcome } from './burst-load.js';

/**
 * Sends pushes at a fixed rate, evenly spaced (open loop: a slow answer does not delay the next push). Latency counts
 * from when a push was due, not from when it went out, so a stalled receiver cannot hide its stall (no coordinated
 * omission). undici's pool keeps `connections` keep-alive connections, like Carsys's HTTP client would.
 */
export async function sendAtRate(
  url: string,
  pushes: readonly BenchPush[],
  ratePerSecond: number,
  connections: number,
): Promise<LoadOutcome> {
  const pool = new Pool(url, { connections, pipelining: 1 });
  const latenciesMs: number[] = [];
  const acceptedAt: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  const intervalMs = 1000 / ratePerSecond;
  const startedAt = Date.now();
  const clockStart = performance.now();
  const inFlight: Promise<void>[] = [];
  let lastSentAt = startedAt;
  for (const [index, push] of pushes.entries()) {
    const dueAt = clockStart + index * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 0) await sleep(wait);
    const send = async (): Promise<void> => {
      try {
        const answer = await pool.request({
          path: pushPath,
          method: 'POST',
          headers: signedHeaders(push),
          body: push.body,
        });
        await answer.body.dump();
        latenciesMs.push(performance.now() - dueAt);
        statusCounts[answer.statusCode] = (statusCounts[answer.statusCode] ?? 0) + 1;
        if (answer.statusCode >= 200 && answer.statusCode < 300) acceptedAt.push(Date.now());
      } catch {
        errors++;
      }
    };
    inFlight.push(send());
    lastSentAt = Date.now();
  }
  await Promise.all(inFlight);
  const endedAt = Date.now();
  await pool.close();
  return { startedAt, endedAt, lastSentAt, latenciesMs, acceptedAt, statusCounts, errors };
}
