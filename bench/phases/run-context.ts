import { randomBytes } from 'node:crypto';
import type { GarageConfig } from '../../src/config.js';
import type { ServicesInfo } from '../../tools/dev-services/index.js';
import type { WorkflowBundles } from '../services/workflow-bundles.js';
import { benchSettings } from '../settings.js';
import { benchGarages } from '../workload/bench-garages.js';

/** The phases whose pushes go through the receiver, each with garages of its own. */
export const pipelinePhases = ['burst1', 'rate50', 'rate100', 'rate200', 'burst2', 'latency', 'fairness'] as const;
export type PipelinePhase = (typeof pipelinePhases)[number];

/** What every phase of one bench run shares: ids unique to the run, the services, the bundles, the secrets. */
export type RunContext = Readonly<{
  runId: string;
  services: ServicesInfo;
  /** The services' and this process's ids, for CPU time. */
  pids: Readonly<Record<string, number>>;
  bundles: WorkflowBundles;
  encryptionKeys: string;
  garages: Readonly<Record<PipelinePhase | 'direct', GarageConfig[]>>;
  database: (phase: string) => string;
  taskQueue: (phase: string) => string;
  /** Every database the run created, to drop at the end. */
  databases: Set<string>;
}>;

export function createRunContext(
  services: ServicesInfo,
  servicePids: Readonly<Record<string, number>>,
  bundles: WorkflowBundles,
): RunContext {
  const runId = randomBytes(3).toString('hex');
  const databases = new Set<string>();
  const garagesOf = (phase: string) => benchGarages(runId, phase, benchSettings.garagesPerPhase);
  return {
    runId,
    services,
    pids: { ...servicePids, bench: process.pid },
    bundles,
    encryptionKeys: JSON.stringify([{ id: `bench-${runId}`, key: randomBytes(32).toString('base64') }]),
    garages: {
      direct: garagesOf('direct'),
      burst1: garagesOf('burst1'),
      rate50: garagesOf('rate50'),
      rate100: garagesOf('rate100'),
      rate200: garagesOf('rate200'),
      burst2: garagesOf('burst2'),
      latency: garagesOf('latency'),
      // Garage A, which bursts, and B–E, which send 1 push/s each (bench/phases/measure-fairness.ts).
      fairness: benchGarages(runId, 'fairness', 5),
    },
    database: (phase) => {
      const name = `bench_${runId}_${phase}`;
      databases.add(name);
      return name;
    },
    databases,
    taskQueue: (phase) => `bench-${runId}-${phase}`,
  };
}

/**
 * The environment the product's receiver and worker read (src/config.ts) for one pipeline run: its own database and
 * task queue, so runs neither share data nor pick up each other's leftover workflows.
 */
export function pipelineEnv(
  context: RunContext,
  run: string,
  receiverPort: number,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: context.services.temporalAddress,
    TEMPORAL_UI_URL: context.services.temporalUiUrl,
    TEMPORAL_TASK_QUEUE: context.taskQueue(run),
    MONGODB_URL: poolUrl(context.services.mongoUrl),
    MONGODB_DATABASE: context.database(run),
    RECEIVER_HOST: '127.0.0.1',
    RECEIVER_PORT: String(receiverPort),
    // The operator listener is not measured: any free port, so a running npm start does not collide.
    OPERATOR_PORT: '0',
    CARSYS_GARAGES: JSON.stringify(pipelinePhases.flatMap((phase) => context.garages[phase])),
    ENCRYPTION_KEYS: context.encryptionKeys,
    // The per-garage rate limit would throttle the bench's bursts; production keeps its own value.
    RATE_LIMIT_PER_MINUTE: '100000000',
    // Likewise the bulk lane: the throughput phases measure one task queue against the floor's one. The fairness
    // phase sets the product's lane back (pipeline-run.ts).
    BULK_LANE_BURST_PUSHES: '0',
    BULK_LANE_SLOTS: String(benchSettings.bulkLaneSlots),
    LOG_LEVEL: 'info',
    ...overrides,
  };
}

/** The database URL with the bench's connection pool size. */
export function poolUrl(mongoUrl: string): string {
  return `${mongoUrl}?maxPoolSize=${benchSettings.mongoPoolSize}`;
}
