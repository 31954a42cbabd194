import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { openMongo } from '../../src/store/open-mongo.js';
import type { MeasuredChild } from '../processes/measured-child.js';
import type { MemoryPeak } from '../processes/memory-sampler.js';
import { benchSettings, workerTuning } from '../settings.js';
import { benchPushes } from '../workload/push-bodies.js';
import type { ImportWatch } from './import-progress.js';
import { measureAccept, type AcceptResult } from './measure-accept.js';
import { measureBurst, type BurstResult } from './measure-burst.js';
import { measureFairness, type FairnessResult } from './measure-fairness.js';
import {
  latencyPushCount,
  measureFloorLatency,
  measurePipelineLatency,
  type LatencyResult,
} from './measure-latency.js';
import { startReceiverProcess, startWorkerProcesses } from './pipeline-processes.js';
import type { PipelinePhase, RunContext } from './run-context.js';

/** What a pipeline run's processes used: peak memory, and how long each worker took to start. */
export type PipelineProcesses = Readonly<{
  receiverMemory: MemoryPeak;
  workerMemory: MemoryPeak[];
  /** From spawn until ready, per worker process: what a prebuilt workflow bundle saves. */
  workerStartSeconds: number[];
}>;

export type BurstRun = PipelineProcesses & Readonly<{ workers: number; burst: BurstResult }>;
export type AcceptRun = Readonly<{ accept: AcceptResult[]; receiverMemory: MemoryPeak[]; workerMemory: MemoryPeak[] }>;

type Running = Readonly<{ receiverUrl: string; watch: ImportWatch; pids: Record<string, number> }>;

const pauseMs = 2_000;
const step = (line: string): void => console.error(`[bench] ${line}`);

async function stopAll(children: readonly MeasuredChild[]): Promise<MemoryPeak[]> {
  return Promise.all(children.map((child) => child.stop()));
}

/**
 * Runs `measure` against a receiver and `workers` worker processes of their own, with their own database and task
 * queue: every run starts from empty collections and an idle task queue, so runs compare fairly.
 */
async function withPipeline<T>(
  context: RunContext,
  run: string,
  workers: number,
  measure: (running: Running) => Promise<T>,
  receiverEnv: Record<string, string> = {},
): Promise<PipelineProcesses & { result: T }> {
  const receiver = await startReceiverProcess(context, run, receiverEnv);
  const workerProcesses = await startWorkerProcesses(context, run, workers, workerTuning);
  const mongo = await openMongo({ url: context.services.mongoUrl, database: context.database(run) }, 30_000);
  const connection = await Connection.connect({ address: context.services.temporalAddress });
  try {
    const pids = {
      ...context.pids,
      receiver: receiver.process.child.pid,
      ...Object.fromEntries(workerProcesses.map((worker, index) => [`worker${index + 1}`, worker.child.pid])),
    };
    const watch = { temporal: new Client({ connection }), collections: mongo.collections };
    const result = await measure({ receiverUrl: receiver.url, watch, pids });
    const workerMemory = await stopAll(workerProcesses);
    const [receiverMemory] = await stopAll([receiver.process]);
    if (receiverMemory === undefined) throw new Error('the receiver left no memory figure');
    const workerStartSeconds = workerProcesses.map((worker) => worker.child.readyAfterMs / 1000);
    return { result, receiverMemory, workerMemory, workerStartSeconds };
  } finally {
    await stopAll([...workerProcesses, receiver.process]);
    await connection.close();
    await mongo.client.close();
  }
}

/** The pipeline end to end with `workers` worker processes: a burst at saturation, timed until all are imported. */
export async function runBurst(context: RunContext, workers: number): Promise<BurstRun> {
  const phase: PipelinePhase = workers === 1 ? 'burst1' : 'burst2';
  const { result: burst, ...processes } = await withPipeline(context, `burst_${workers}w`, workers, (running) =>
    measureBurst(running.receiverUrl, running.watch, context.garages[phase], running.pids),
  );
  step(`burst, ${workers} worker(s): ${burst.importsPerSecond} imports/s, accepts ${burst.acceptsPerSecond}/s`);
  return { workers, burst, ...processes };
}

/**
 * Accept latency at each fixed rate, twice: with no worker polling (the accept path alone: receiver, Temporal start,
 * duplicate lookup) and while one worker imports what arrives. Each measurement gets a fresh receiver, database and
 * task queue, so no backlog carries over from one to the next.
 */
export async function runAcceptRates(context: RunContext): Promise<AcceptRun> {
  const accept: AcceptResult[] = [];
  const receiverMemory: MemoryPeak[] = [];
  const workerMemory: MemoryPeak[] = [];
  for (const workers of [0, 1]) {
    for (const rate of benchSettings.acceptRates) {
      await sleep(pauseMs);
      const garages = context.garages[`rate${rate}` as PipelinePhase];
      const { result, ...processes } = await withPipeline(context, `rate${rate}_${workers}w`, workers, (running) =>
        measureAccept(running.receiverUrl, garages, rate, workers),
      );
      step(
        `accept at ${rate}/s, ${workers} worker(s) importing: p50 ${result.latency.p50} ms, ` +
          `p99 ${result.latency.p99} ms, ${result.errors} errors`,
      );
      accept.push(result);
      receiverMemory.push(processes.receiverMemory);
      workerMemory.push(...processes.workerMemory);
    }
  }
  return { accept, receiverMemory, workerMemory };
}

/**
 * Push-to-documents latency at each steady rate on one warm pipeline (a receiver and a worker process), then the
 * floor workflow's start-to-completion at the same rates on a warm floor worker.
 */
export async function runLatency(context: RunContext): Promise<LatencyResult[]> {
  const garages = context.garages.latency;
  const pushes = benchPushes(garages, latencyPushCount(), benchSettings.pushesPerCar);
  const { result: pipeline } = await withPipeline(context, 'latency', 1, (running) =>
    measurePipelineLatency(running, garages, pushes, step),
  );
  await sleep(pauseMs);
  const floor = await measureFloorLatency(context);
  return pipeline.map((result) => {
    const floorFigures = floor.get(result.ratePerSecond);
    if (floorFigures === undefined) throw new Error(`no floor latency at ${result.ratePerSecond}/s`);
    const { errors, ...floorStartToCompletion } = floorFigures;
    step(`floor at ${result.ratePerSecond}/s: p50 ${floorStartToCompletion.latency.p50} ms`);
    return { ...result, floorStartToCompletion, errors: result.errors + errors };
  });
}

/**
 * Garage A's burst beside B–E at 1 push/s each, on one pipeline whose receiver enforces the product's rate limit and
 * bulk lane.
 */
export async function runFairness(context: RunContext): Promise<FairnessResult> {
  await sleep(pauseMs);
  const { result } = await withPipeline(
    context,
    'fairness',
    1,
    (running) => measureFairness(running, context.garages.fairness, step),
    {
      RATE_LIMIT_PER_MINUTE: String(benchSettings.fairnessRateLimitPerMinute),
      BULK_LANE_BURST_PUSHES: String(benchSettings.fairnessBulkLaneBurst),
    },
  );
  step(
    `fairness: B–E p99 ${result.othersQuiet.latency.p99} ms quiet, ${result.othersDuringBurst.latency.p99} ms ` +
      `during A's burst; A imported ${result.burst.outcomes['imported'] ?? 0} of ${result.burst.pushes}`,
  );
  return result;
}
