import type { GarageConfig } from '../../src/config.js';
import { mapLimited } from '../load/limited.js';
import { pushClient } from '../load/push-client.js';
import { meterCpu, type CpuUse } from '../processes/cpu-meter.js';
import { summarizeLatency, type LatencySummary } from '../report/stats.js';
import { benchSettings } from '../settings.js';
import { benchPushes } from '../workload/push-bodies.js';
import { readImports, waitUntilImported, type ImportWatch } from './import-progress.js';
import type { ImportStages } from './documents-written.js';
import {
  figuresOf,
  pushLatencies,
  sendPaced,
  stagesLine,
  type LatencyFigures,
  type PacedStart,
} from './measure-latency.js';

/** Garage A's burst beside four garages at 1 push/s each: does one garage's resend slow the others down? */
export type FairnessResult = Readonly<{
  /** The receiver's per-garage budget during the phase (`RATE_LIMIT_PER_MINUTE`). */
  rateLimitPerMinute: number;
  /** Garages B–E, each at this many pushes/s, push to documents. */
  othersRatePerSecond: number;
  othersQuiet: LatencyFigures;
  othersDuringBurst: LatencyFigures;
  /** Where B–E's push-to-documents time went, quiet and during the burst. */
  othersStages: Readonly<{ quiet: ImportStages; duringBurst: ImportStages }>;
  /**
   * How many of A's imports finished while one of B–E's pushes waited for its documents: how far back in the queue
   * the others wait. Unlike the latency, it hardly moves with the load other processes put on the machine.
   */
  burstImportsOvertaking: LatencySummary;
  /** othersDuringBurst p99 / othersQuiet p99. */
  p99Ratio: number;
  othersErrors: number;
  burst: Readonly<{
    pushes: number;
    accepted: number;
    /** 429 answers A met and waited out (Retry-After) before resending. */
    rateLimitedAnswers: number;
    /** Answers other than 202 and 429, and connection errors: pushes A gave up on. */
    refused: number;
    outcomes: Record<string, number>;
    /** From A's first push to its last import closed. */
    seconds: number;
  }>;
  cpu: CpuUse;
}>;

type Running = Readonly<{ receiverUrl: string; watch: ImportWatch; pids: Record<string, number> }>;

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** For each span, how many of the sorted times fall inside it. */
function countWithin(spans: readonly { from: number; to: number }[], sortedTimes: readonly number[]): number[] {
  const below = (limit: number): number => {
    let low = 0;
    let high = sortedTimes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sortedTimes[middle] ?? 0) <= limit) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return spans.map((span) => below(span.to) - below(span.from));
}

/**
 * On one warm pipeline whose receiver enforces the product's rate limit: B–E at 1 push/s each on a quiet pipeline,
 * then again while A sends its whole burst as fast as the rate limit lets it (every 429 waited out and resent), until
 * A's last import has closed.
 */
export async function measureFairness(
  running: Running,
  garages: readonly GarageConfig[],
  step: (line: string) => void,
): Promise<FairnessResult> {
  const [burstGarage, ...others] = garages;
  if (burstGarage === undefined || others.length === 0) throw new Error('fairness needs a bursting garage and others');
  const othersIds = others.map((garage) => garage.id);
  const othersRate = others.length * benchSettings.fairnessOthersRate;
  const maxOthers = Math.ceil(othersRate * (benchSettings.fairnessQuietSeconds + benchSettings.phaseTimeoutMs / 1000));
  const othersPushes = benchPushes(others, maxOthers, benchSettings.pushesPerCar);
  let othersClosed = 0;
  const sendOthers = async (from: number, count: number, keepGoing?: () => boolean): Promise<PacedStart[]> => {
    const starts = await sendPaced(running.receiverUrl, othersPushes.slice(from, from + count), othersRate, keepGoing);
    othersClosed += starts.filter((start) => start.answer.workflowId !== undefined).length;
    await waitUntilImported(running.watch, othersIds, othersClosed, benchSettings.phaseTimeoutMs);
    return starts;
  };

  const warmup = 20;
  await sendOthers(0, warmup);
  const quietCount = othersRate * benchSettings.fairnessQuietSeconds;
  const quiet = await sendOthers(warmup, quietCount);
  const quietLatency = await pushLatencies(running.watch, quiet);
  step(`fairness: B–E on a quiet pipeline, p99 ${figuresOf(quietLatency.documents).latency.p99} ms; A's burst`);

  const meter = meterCpu(running.pids);
  const burstPushes = benchPushes([burstGarage], benchSettings.fairnessBurstPushes, benchSettings.pushesPerCar);
  const client = pushClient(running.receiverUrl, benchSettings.concurrency);
  let burstDone = false;
  const burstStartedAt = Date.now();
  const burst = (async () => {
    const answers = await mapLimited(burstPushes, benchSettings.concurrency, (push) =>
      client.sendUntilAccepted(push).catch(() => ({ answer: { status: 0 }, rateLimited: 0 })),
    );
    const accepted = answers.filter(({ answer }) => answer.status === 202).length;
    await waitUntilImported(running.watch, [burstGarage.id], accepted, benchSettings.phaseTimeoutMs);
    burstDone = true;
    return { answers, accepted, endedAt: Date.now() };
  })().finally(() => {
    burstDone = true;
  });
  // Awaited below; marked handled now so an early failure does not end the process before the cleanup runs.
  burst.catch(() => undefined);
  const during = await sendOthers(warmup + quietCount, othersPushes.length, () => !burstDone);
  const { answers, accepted } = await burst;
  await client.close();
  const cpu = meter.stop();
  const done = await readImports(running.watch, [burstGarage.id]);
  const duringLatency = await pushLatencies(running.watch, during);
  const othersQuiet = figuresOf(quietLatency.documents);
  const othersDuringBurst = figuresOf(duringLatency.documents);
  step(`fairness: B–E during the burst, ${stagesLine(duringLatency.stages)} (p50/p99 ms)`);
  return {
    rateLimitPerMinute: benchSettings.fairnessRateLimitPerMinute,
    othersRatePerSecond: benchSettings.fairnessOthersRate,
    othersQuiet,
    othersDuringBurst,
    othersStages: { quiet: quietLatency.stages, duringBurst: duringLatency.stages },
    burstImportsOvertaking: summarizeLatency(
      countWithin(
        duringLatency.spans,
        [...done.finishedAt].sort((a, b) => a - b),
      ),
    ),
    p99Ratio: round2(othersDuringBurst.latency.p99 / othersQuiet.latency.p99),
    othersErrors: [...quiet, ...during].filter((start) => start.answer.status !== 202).length,
    burst: {
      pushes: burstPushes.length,
      accepted,
      rateLimitedAnswers: answers.reduce((sum, { rateLimited }) => sum + rateLimited, 0),
      refused: answers.filter(({ answer }) => answer.status !== 202).length,
      outcomes: done.statusCounts,
      seconds: (Math.max(...done.finishedAt) - burstStartedAt) / 1000,
    },
    cpu,
  };
}
