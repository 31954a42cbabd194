import type { GarageConfig } from '../../src/config.js';
import { sendAtRate } from '../load/paced-load.js';
import { percentileCurve, ratePerSecond, summarizeLatency, type LatencySummary } from '../report/stats.js';
import { benchSettings } from '../settings.js';
import { benchPushes } from '../workload/push-bodies.js';

export type AcceptResult = Readonly<{
  ratePerSecond: number;
  /** Worker processes importing meanwhile: 0 measures the accept path alone, 1 the receiver beside a busy worker. */
  workersImporting: number;
  pushes: number;
  sentPerSecond: number;
  latency: LatencySummary;
  latencyCurve: { percentile: number; ms: number }[];
  answers: Record<string, number>;
  /** Answers other than 202, plus connection errors. */
  errors: number;
}>;

/**
 * Receiver accept latency at a fixed arrival rate, evenly spaced. The pushes are not waited for: with no worker they
 * wait in the task queue, with one they are imported meanwhile, on the same two cores.
 */
export async function measureAccept(
  receiverUrl: string,
  garages: readonly GarageConfig[],
  rate: number,
  workersImporting: number,
): Promise<AcceptResult> {
  const pushes = benchPushes(garages, rate * benchSettings.acceptSeconds, benchSettings.pushesPerCar);
  const load = await sendAtRate(receiverUrl, pushes, rate, benchSettings.concurrency);
  return {
    ratePerSecond: rate,
    workersImporting,
    pushes: pushes.length,
    sentPerSecond: ratePerSecond(pushes.length - 1, load.startedAt, load.lastSentAt),
    latency: summarizeLatency(load.latenciesMs),
    latencyCurve: percentileCurve(load.latenciesMs),
    answers: load.statusCounts,
    errors: pushes.length - (load.statusCounts['202'] ?? 0),
  };
}
