import { sendBurst } from '../load/burst-load.js';
import { perSecond, ratePerSecond, summarizeLatency, percentileCurve, type LatencySummary } from '../report/stats.js';
import { benchSettings } from '../settings.js';
import { benchPushes } from '../workload/push-bodies.js';
import type { GarageConfig } from '../../src/config.js';
import { meterCpu, type CpuUse } from '../processes/cpu-meter.js';
import { readImports, waitUntilImported, type ImportWatch } from './import-progress.js';

export type BurstResult = Readonly<{
  pushes: number;
  /** From the first push sent to the last import finished. */
  seconds: number;
  importsPerSecond: number;
  acceptsPerSecond: number;
  acceptLatency: LatencySummary;
  acceptLatencyCurve: { percentile: number; ms: number }[];
  answers: Record<string, number>;
  errors: number;
  outcomes: Record<string, number>;
  acceptedPerSecond: number[];
  importedPerSecond: number[];
  cpu: CpuUse;
}>;

/**
 * The pipeline end to end: a burst of distinct signed pushes through the receiver at saturation, timed until the
 * last one is `imported` in the import log.
 */
export async function measureBurst(
  receiverUrl: string,
  watch: ImportWatch,
  garages: readonly GarageConfig[],
  pids: Readonly<Record<string, number>>,
): Promise<BurstResult> {
  const pushes = benchPushes(garages, benchSettings.burstSize, benchSettings.pushesPerCar);
  const garageIds = garages.map((garage) => garage.id);
  const meter = meterCpu(pids);
  const load = await sendBurst(receiverUrl, pushes, benchSettings.concurrency);
  const accepted = load.acceptedAt.length;
  await waitUntilImported(watch, garageIds, accepted, benchSettings.phaseTimeoutMs);
  const cpu = meter.stop();
  const done = await readImports(watch, garageIds);
  const endedAt = Math.max(...done.finishedAt);
  return {
    pushes: pushes.length,
    seconds: (endedAt - load.startedAt) / 1000,
    importsPerSecond: ratePerSecond(done.statusCounts['imported'] ?? 0, load.startedAt, endedAt),
    acceptsPerSecond: ratePerSecond(accepted, load.startedAt, load.endedAt),
    acceptLatency: summarizeLatency(load.latenciesMs),
    acceptLatencyCurve: percentileCurve(load.latenciesMs),
    answers: load.statusCounts,
    errors: load.errors,
    outcomes: done.statusCounts,
    acceptedPerSecond: perSecond(load.acceptedAt, load.startedAt),
    importedPerSecond: perSecond(done.finishedAt, load.startedAt),
    cpu,
  };
}
