import type { AcceptResult } from '../phases/measure-accept.js';
import type { BurstResult } from '../phases/measure-burst.js';
import type { DirectResult } from '../phases/measure-direct.js';
import type { FloorResult } from '../phases/measure-floor.js';
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
