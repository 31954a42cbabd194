import { fileURLToPath } from 'node:url';
import { defaultWorkerTuning, type WorkerTuning } from '../src/temporal/create-worker.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function numberFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${text} is not a positive number`);
  return value;
}

function listFromEnv(name: string): string[] {
  return (process.env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** How worker processes should be deployed to keep their memory in bounds. */
export const workerMemoryEnv = { MALLOC_ARENA_MAX: '2', NODE_OPTIONS: '--max-semi-space-size=4' };

/** Everything a bench run is set to; the whole object goes into results.json. */
export const benchSettings = {
  /** The bench's own services, away from the ports other engineers use. */
  services: { temporalPort: 7433, temporalUiPort: 8433, ferretdbPort: 27217, ferretdbDebugPort: 8288 },
  dataDir: `${repoRoot}.data/bench`,
  /** Pushes (or workflows, or direct imports) per burst. */
  burstSize: numberFromEnv('BENCH_BURST', 2000),
  /** Requests, workflow starts or direct imports in flight at once, in every phase. */
  concurrency: numberFromEnv('BENCH_CONCURRENCY', 32),
  /** Fixed arrival rates for the accept latency, pushes/s, each held this many seconds. */
  acceptRates: [50, 100, 200],
  acceptSeconds: numberFromEnv('BENCH_ACCEPT_SECONDS', 10),
  /** Steady rates for push-to-documents latency (and the floor's start to completion), pushes/s, each held this long. */
  latencyRates: [2, 5, 10],
  latencySeconds: numberFromEnv('BENCH_LATENCY_SECONDS', 60),
  /** Garage A's burst in the fairness phase, while B–E send this many pushes/s each. */
  fairnessBurstPushes: numberFromEnv('BENCH_FAIRNESS_PUSHES', 2000),
  fairnessOthersRate: 1,
  /** How long B–E are measured on a quiet pipeline first. */
  fairnessQuietSeconds: numberFromEnv('BENCH_FAIRNESS_QUIET_SECONDS', 60),
  /** The receiver's per-garage budget in the fairness phase: the product's default `RATE_LIMIT_PER_MINUTE`. */
  fairnessRateLimitPerMinute: numberFromEnv('BENCH_FAIRNESS_RATE_LIMIT', 600),
  /**
   * A garage's share of the main task queue in the fairness phase, pushes (`BULK_LANE_BURST_PUSHES`, the product's
   * default); 0 runs the phase without the bulk lane, for the side-by-side comparison in bench/NOTES.md.
   */
  fairnessBulkLaneBurst: numberFromEnv('BENCH_FAIRNESS_BULK_LANE_BURST', 20),
  /** The bulk lane's slots of each kind in every worker (`BULK_LANE_SLOTS`, the product's default). */
  bulkLaneSlots: numberFromEnv('BENCH_BULK_LANE_SLOTS', 4),
  /** Garages per phase; pushes go round-robin over them. */
  garagesPerPhase: 4,
  /** One car per this many pushes, so cars and their parties are shared among appointments. */
  pushesPerCar: 5,
  /** Worker processes in the scale-out comparison. */
  scalingWorkers: [1, 2],
  /** How long a phase may take before the bench gives up on it. */
  phaseTimeoutMs: 600_000,
  /** Phases to leave out while tuning (`BENCH_SKIP=rates,scaling,latency,fairness`); a full run skips none. */
  skip: listFromEnv('BENCH_SKIP'),
  /** Child processes to run under V8's CPU profiler while tuning (`BENCH_PROFILE=receiver,worker`); a full run none. */
  profile: listFromEnv('BENCH_PROFILE'),
  /** MongoDB driver connection pool per process (`maxPoolSize`); the driver's default is 100. */
  mongoPoolSize: numberFromEnv('BENCH_MONGO_POOL', 100),
  /** `prebuilt`: workers load a bundle built once by the bench; `source`: each worker bundles at start. */
  workerBundle: process.env['BENCH_WORKER_BUNDLE'] === 'source' ? 'source' : 'prebuilt',
  /**
   * Environment of the worker processes: fewer glibc malloc arenas and a smaller V8 young generation keep a worker
   * under 300 MB (bench/NOTES.md); deploy workers with the same. `BENCH_WORKER_ENV` (JSON) replaces it.
   */
  workerEnv: JSON.parse(process.env['BENCH_WORKER_ENV'] ?? JSON.stringify(workerMemoryEnv)) as Record<string, string>,
} as const;

/**
 * Worker settings shared by the pipeline workers and the floor worker: the product's defaults, which
 * `BENCH_WORKER_TUNING` (JSON) overrides while tuning.
 */
export const workerTuning: WorkerTuning = {
  ...defaultWorkerTuning,
  ...(JSON.parse(process.env['BENCH_WORKER_TUNING'] ?? '{}') as WorkerTuning),
};
