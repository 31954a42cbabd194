/** Latency percentiles of one load, in ms. */
export type LatencySummary = Readonly<{
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}>;

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** The value below which `p` percent of the sorted values fall (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarizeLatency(valuesMs: readonly number[]): LatencySummary {
  const sorted = [...valuesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: round1(percentile(sorted, 50)),
    p95: round1(percentile(sorted, 95)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted.at(-1) ?? Number.NaN),
    mean: round1(sorted.length === 0 ? Number.NaN : sum / sorted.length),
  };
}

/** Percentiles for a latency distribution chart: dense towards the tail, where the interest is. */
export const curvePercentiles = [0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.9, 100];

export function percentileCurve(valuesMs: readonly number[]): { percentile: number; ms: number }[] {
  const sorted = [...valuesMs].sort((a, b) => a - b);
  return curvePercentiles.map((p) => ({
    percentile: p,
    ms: round1(p === 0 ? (sorted[0] ?? 0) : percentile(sorted, p)),
  }));
}

/** How many events fell in each whole second after `startedAt`. */
export function perSecond(times: readonly number[], startedAt: number): number[] {
  const counts: number[] = [];
  for (const time of times) {
    const second = Math.max(0, Math.floor((time - startedAt) / 1000));
    while (counts.length <= second) counts.push(0);
    counts[second] = (counts[second] ?? 0) + 1;
  }
  return counts;
}

/** Events per second over the whole span from `startedAt` to the last event. */
export function ratePerSecond(count: number, startedAt: number, endedAt: number): number {
  const seconds = (endedAt - startedAt) / 1000;
  return seconds <= 0 ? 0 : round1(count / seconds);
}
