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
  const at100 = accept.find((result) => result.ratePerSecond === 100);
  return [
    {
      name: 'pipeline / Temporal floor',
      wanted: '>= 0.60',
      measured: ratios.pipelineToFloor.toFixed(2),
      met: ratios.pipelineToFloor >= 0.6,
    },
    {
      name: 'accept p99 at 100 pushes/s, no errors',
      wanted: '<= 50 ms, 0 errors',
      measured: at100 === undefined ? 'not measured' : `${at100.latency.p99} ms, ${at100.errors} errors`,
      met: at100 !== undefined && at100.latency.p99 <= 50 && at100.errors === 0,
    },
    {
      name: 'worker peak RSS',
      wanted: '<= 300 MB',
      measured: `${worker.peakRssMb} MB`,
      met: worker.peakRssMb <= 300,
    },
  ];
}
