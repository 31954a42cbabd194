import { Client, Connection } from '@temporalio/client';
import type { GarageConfig } from '../../src/config.js';
import { atRate } from '../load/paced-tasks.js';
import { pushClient, type PushAnswer } from '../load/push-client.js';
import { meterCpu, type CpuUse } from '../processes/cpu-meter.js';
import { percentileCurve, summarizeLatency, type LatencySummary } from '../report/stats.js';
import { benchSettings } from '../settings.js';
import type { BenchPush } from '../workload/push-bodies.js';
import { importStages, readImportTimes, type ImportStages } from './documents-written.js';
import { startFloorWorker } from './measure-floor.js';
import { waitUntilImported, type ImportWatch } from './import-progress.js';
import type { RunContext } from './run-context.js';

/** One push (or floor workflow) of a latency phase: when it was due, and what it started. */
export type PacedStart = Readonly<{ dueAt: number; answer: PushAnswer }>;

export type LatencyFigures = Readonly<{
  count: number;
  latency: LatencySummary;
  latencyCurve: { percentile: number; ms: number }[];
}>;

/** Push-to-documents latency at one steady rate, beside the floor workflow's start-to-completion at that rate. */
export type LatencyResult = Readonly<{
  ratePerSecond: number;
  seconds: number;
  /** From the push being due to its documents being written (`upsertDocuments` completed, see documents-written.ts). */
  pushToDocuments: LatencyFigures;
  /** From the push being due to the import log's `finishedAt`: a step later than the documents. */
  pushToImportLog: LatencyFigures;
  /** Where the push-to-documents time went. */
  stages: ImportStages;
  /** The floor workflow: from its start being due to its completion, at the same rate. */
  floorStartToCompletion: LatencyFigures;
  /** Answers other than 202 and floor starts that failed. */
  errors: number;
  outcomes: Record<string, number>;
  cpu: CpuUse;
}>;

const warmupPushes = 20;
const warmupRate = 5;

export function figuresOf(latenciesMs: readonly number[]): LatencyFigures {
  return {
    count: latenciesMs.length,
    latency: summarizeLatency(latenciesMs),
    latencyCurve: percentileCurve(latenciesMs),
  };
}

/** Sends `pushes` at `rate`, each timed from when it was due. */
export async function sendPaced(
  url: string,
  pushes: readonly BenchPush[],
  rate: number,
  keepGoing?: () => boolean,
): Promise<PacedStart[]> {
  const client = pushClient(url, benchSettings.concurrency);
  try {
    return await atRate(
      pushes.length,
      rate,
      async (index, dueAt) => {
        const push = pushes[index];
        if (push === undefined) throw new Error('no push at this index');
        const answer = await client.send(push).catch((): PushAnswer => ({ status: 0 }));
        return { dueAt, answer };
      },
      keepGoing,
    );
  } finally {
    await client.close();
  }
}

/** The stages' p50 / p99, for the bench's progress lines. */
export function stagesLine(stages: ImportStages): string {
  return Object.entries(stages)
    .map(([name, summary]) => `${name} ${summary.p50}/${summary.p99}`)
    .join(', ');
}

/** Push-to-documents and push-to-import-log latencies of accepted pushes, once their imports have closed. */
export async function pushLatencies(
  watch: ImportWatch,
  starts: readonly PacedStart[],
): Promise<{
  documents: number[];
  /** From when each push was due to when its documents were written (epoch ms), in the same order as `documents`. */
  spans: { from: number; to: number }[];
  importLog: number[];
  outcomes: Record<string, number>;
  stages: ImportStages;
}> {
  const accepted = starts.filter((start) => start.answer.workflowId !== undefined);
  const times = await readImportTimes(
    watch.temporal,
    accepted.map((start) => start.answer.workflowId ?? ''),
  );
  const spans = accepted.flatMap((start, index) => {
    const at = times[index]?.documentsAt;
    return at === undefined ? [] : [{ from: start.dueAt, to: at }];
  });
  const documents = spans.map((span) => span.to - span.from);
  const records = await watch.collections.imports
    .find(
      { _id: { $in: accepted.map((start) => start.answer.importId ?? '') } },
      { projection: { status: 1, finishedAt: 1 } },
    )
    .toArray();
  const finished = new Map(records.map((record) => [record._id, record]));
  const outcomes: Record<string, number> = {};
  const importLog = accepted.flatMap((start) => {
    const record = finished.get(start.answer.importId ?? '');
    if (record === undefined) return [];
    outcomes[record.status] = (outcomes[record.status] ?? 0) + 1;
    return record.finishedAt === null ? [] : [record.finishedAt.getTime() - start.dueAt];
  });
  const stages = importStages(
    times,
    accepted.map((start) => start.dueAt),
  );
  return { documents, spans, importLog, outcomes, stages };
}

/**
 * The pipeline at each steady rate, on one warm receiver and worker (the caller's): a short warm-up at 5/s first,
 * then each rate for `latencySeconds`, each waited for until every import has closed.
 */
export async function measurePipelineLatency(
  running: Readonly<{ receiverUrl: string; watch: ImportWatch; pids: Record<string, number> }>,
  garages: readonly GarageConfig[],
  pushes: readonly BenchPush[],
  step: (line: string) => void,
): Promise<Omit<LatencyResult, 'floorStartToCompletion'>[]> {
  const garageIds = garages.map((garage) => garage.id);
  let offset = 0;
  let closed = 0;
  const take = (count: number): BenchPush[] => pushes.slice(offset, (offset += count));
  const warm = await sendPaced(running.receiverUrl, take(warmupPushes), warmupRate);
  closed += warm.filter((start) => start.answer.workflowId !== undefined).length;
  await waitUntilImported(running.watch, garageIds, closed, benchSettings.phaseTimeoutMs);
  const results: Omit<LatencyResult, 'floorStartToCompletion'>[] = [];
  for (const rate of benchSettings.latencyRates) {
    const meter = meterCpu(running.pids);
    const starts = await sendPaced(running.receiverUrl, take(rate * benchSettings.latencySeconds), rate);
    closed += starts.filter((start) => start.answer.workflowId !== undefined).length;
    await waitUntilImported(running.watch, garageIds, closed, benchSettings.phaseTimeoutMs);
    const cpu = meter.stop();
    const { documents, importLog, outcomes, stages } = await pushLatencies(running.watch, starts);
    const result = {
      ratePerSecond: rate,
      seconds: benchSettings.latencySeconds,
      pushToDocuments: figuresOf(documents),
      pushToImportLog: figuresOf(importLog),
      stages,
      errors: starts.filter((start) => start.answer.status !== 202).length,
      outcomes,
      cpu,
    };
    step(
      `push to documents at ${rate}/s: p50 ${result.pushToDocuments.latency.p50} ms, ` +
        `p99 ${result.pushToDocuments.latency.p99} ms, ${result.errors} errors; ${stagesLine(stages)}`,
    );
    results.push(result);
  }
  return results;
}

/** Pushes a latency phase needs: the warm-up and every rate. */
export function latencyPushCount(): number {
  return warmupPushes + benchSettings.latencyRates.reduce((sum, rate) => sum + rate * benchSettings.latencySeconds, 0);
}

/** Completion time of each of the given floor workflows, once they have all completed. */
async function floorCompletions(
  client: Client,
  taskQueue: string,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const query = `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Completed"`;
  const deadline = Date.now() + benchSettings.phaseTimeoutMs;
  const wanted = new Set(ids);
  for (;;) {
    const closedAt = new Map<string, number>();
    for await (const workflow of client.workflow.list({ query })) {
      if (wanted.has(workflow.workflowId) && workflow.closeTime !== undefined) {
        closedAt.set(workflow.workflowId, workflow.closeTime.getTime());
      }
    }
    if (closedAt.size >= wanted.size) return closedAt;
    if (Date.now() > deadline) throw new Error(`only ${closedAt.size} of ${wanted.size} floor workflows completed`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * The floor workflow at each steady rate on one warm floor worker: from its start being due to its completion. The
 * floor worker has the pipeline worker's settings, so the difference is what our import costs.
 */
export async function measureFloorLatency(
  context: RunContext,
): Promise<Map<number, LatencyFigures & { errors: number }>> {
  const taskQueue = context.taskQueue('floor-latency');
  const worker = await startFloorWorker(context, 'floor-latency-worker', taskQueue);
  const connection = await Connection.connect({ address: context.services.temporalAddress });
  try {
    const client = new Client({ connection });
    const run = async (label: string, count: number, rate: number) => {
      const starts = await atRate(count, rate, async (index, dueAt) => {
        const workflowId = `bench-floor-latency-${context.runId}-${label}-${index}`;
        const started = await client.workflow
          .start('benchFloorWorkflow', { taskQueue, workflowId })
          .then(() => true)
          .catch(() => false);
        return { workflowId, dueAt, started };
      });
      const ok = starts.filter((start) => start.started);
      const closedAt = await floorCompletions(
        client,
        taskQueue,
        ok.map((start) => start.workflowId),
      );
      const latencies = ok.flatMap((start) => {
        const at = closedAt.get(start.workflowId);
        return at === undefined ? [] : [at - start.dueAt];
      });
      return { ...figuresOf(latencies), errors: starts.length - ok.length };
    };
    await run('warmup', warmupPushes, warmupRate);
    const results = new Map<number, LatencyFigures & { errors: number }>();
    for (const rate of benchSettings.latencyRates) {
      results.set(rate, await run(`r${rate}`, rate * benchSettings.latencySeconds, rate));
    }
    return results;
  } finally {
    await connection.close();
    await worker.stop();
  }
}
