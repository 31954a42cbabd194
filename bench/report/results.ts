import type { AcceptResult } from '../phases/measure-accept.js';
import type { BurstResult } from '../phases/measure-burst.js';
import type { DirectResult } from '../phases/measure-direct.js';
import type { FairnessResult } from '../phases/measure-fairness.js';
import type { FloorResult } from '../phases/measure-floor.js';
import type { LatencyResult } from '../phases/measure-latency.js';
import type { MemoryPeak } from '../processes/memory-sampler.js';
import type { CpuRow } from './cpu-breakdown.js';
import type { MachineFacts } from './machine-facts.js';

export type ScalingRun = Readonly<{
  workers: number;
  burst: BurstResult;
  workerMemory: MemoryPeak[];
  workerStartSeconds: number[];
}>;

/** Everything one `npm run bench` measured, as written to bench/results.json. */
export type BenchResults = Readonly<{
  generatedAt: string;
  durationSeconds: number;
  machine: MachineFacts;
  settings: Record<string, unknown>;
  floor: FloorResult;
  direct: DirectResult;
  /** The pipeline burst with one worker process: the headline figure. */
  pipeline: BurstResult;
  accept: AcceptResult[];
  /** Push to documents at steady rates, beside the floor workflow's start to completion (empty when skipped). */
  latency: LatencyResult[];
  /** One garage's burst beside four quiet ones (null when skipped). */
  fairness: FairnessResult | null;
  memory: Readonly<{ receiver: MemoryPeak; worker: MemoryPeak; floorWorker: MemoryPeak }>;
  scaling: readonly ScalingRun[];
  ratios: Readonly<{ pipelineToFloor: number; pipelineToDirect: number; twoWorkersToOne: number | null }>;
  targets: readonly Target[];
  cpu: readonly CpuRow[];
}>;

export type Target = Readonly<{ name: string; wanted: string; measured: string; met: boolean }>;

const round2 = (value: number): number => Math.round(value * 100) / 100;

export function ratiosOf(
  floor: FloorResult,
  direct: DirectResult,
  pipeline: BurstResult,
  scaling: readonly ScalingRun[],
): BenchResults['ratios'] {
  const one = scaling.find((run) => run.workers === 1)?.burst.importsPerSecond;
  const two = scaling.find((run) => run.workers === 2)?.burst.importsPerSecond;
  return {
    pipelineToFloor: round2(pipeline.importsPerSecond / floor.workflowsPerSecond),
    pipelineToDirect: round2(pipeline.importsPerSecond / direct.importsPerSecond),
    twoWorkersToOne: one === undefined || two === undefined ? null : round2(two / one),
  };
}

/** The targets on a 2-core machine, checked against this run. */
export function targetsOf(
  ratios: BenchResults['ratios'],
  accept: readonly AcceptResult[],
  worker: MemoryPeak,
): Target[] {
  const at100 = (workersImporting: number) =>
    accept.find((result) => result.ratePerSecond === 100 && result.workersImporting === workersImporting);
  const acceptTarget = (workersImporting: number, what: string): Target => {
    const measured = at100(workersImporting);
    return {
      name: `accept p99 at 100 pushes/s, no errors, ${what}`,
      wanted: '<= 50 ms, 0 errors',
      measured: measured === undefined ? 'not measured' : `${measured.latency.p99} ms, ${measured.errors} errors`,
      met: measured !== undefined && measured.latency.p99 <= 50 && measured.errors === 0,
    };
  };
  return [
    {
      name: 'pipeline / Temporal floor',
      wanted: '>= 0.60',
      measured: ratios.pipelineToFloor.toFixed(2),
      met: ratios.pipelineToFloor >= 0.6,
    },
    acceptTarget(0, 'no worker importing'),
    acceptTarget(1, 'while a worker imports'),
    {
      name: 'worker peak RSS',
      wanted: '<= 300 MB',
      measured: `${worker.peakRssMb} MB`,
      met: worker.peakRssMb <= 300,
    },
  ];
}

/** The cost of an import (issue 16, part 3): CPU of every process per imported push in the one-worker burst. */
export function costTargetsOf(burstCpu: CpuRow): Target[] {
  const { total, receiver } = burstCpu.msPerItem;
  return [
    {
      name: 'total CPU per import (all processes, one-worker burst)',
      wanted: '<= 85 ms',
      measured: `${total} ms`,
      met: total <= 85,
    },
    {
      name: 'receiver CPU per push (one-worker burst)',
      wanted: '<= 2 ms',
      measured: `${receiver} ms`,
      met: receiver <= 2,
    },
  ];
}

/** The latency and fairness targets (issue 16), checked against this run. */
export function latencyTargetsOf(latency: readonly LatencyResult[], fairness: FairnessResult | null): Target[] {
  const at = (rate: number) => latency.find((result) => result.ratePerSecond === rate);
  const p99Target = (rate: number, wantedMs: number): Target => {
    const measured = at(rate);
    const p99 = measured?.pushToDocuments.latency.p99;
    return {
      name: `push-to-documents p99 at ${rate} pushes/s`,
      wanted: `<= ${wantedMs} ms`,
      measured: p99 === undefined ? 'not measured' : `${p99} ms`,
      met: p99 !== undefined && p99 <= wantedMs && measured?.errors === 0,
    };
  };
  const p50Targets = latency.map((result): Target => {
    const pipeline = result.pushToDocuments.latency.p50;
    const floor = result.floorStartToCompletion.latency.p50;
    return {
      name: `push-to-documents p50 at ${result.ratePerSecond}/s within 2x the floor workflow's`,
      wanted: `<= ${round2(floor * 2)} ms (floor p50 ${floor} ms)`,
      measured: `${pipeline} ms (${round2(pipeline / floor)}x)`,
      met: pipeline <= floor * 2,
    };
  });
  const fairnessTargets: Target[] =
    fairness === null
      ? []
      : [
          {
            name: "other garages' push-to-documents p99 during one garage's burst",
            wanted: `<= 2x quiet p99 (${round2(fairness.othersQuiet.latency.p99 * 2)} ms)`,
            measured: `${fairness.othersDuringBurst.latency.p99} ms (${fairness.p99Ratio}x)`,
            met: fairness.p99Ratio <= 2,
          },
          {
            name: "the bursting garage's pushes all imported",
            wanted: `${fairness.burst.pushes} imported`,
            measured: `${fairness.burst.outcomes['imported'] ?? 0} imported`,
            met: (fairness.burst.outcomes['imported'] ?? 0) === fairness.burst.pushes,
          },
        ];
  return [p99Target(5, 150), p99Target(10, 250), ...p50Targets, ...fairnessTargets];
}
