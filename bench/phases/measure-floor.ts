import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { mapLimited } from '../load/limited.js';
import type { MemoryPeak } from '../processes/memory-sampler.js';
import { meterCpu, type CpuUse } from '../processes/cpu-meter.js';
import { startMeasuredChild } from '../processes/measured-child.js';
import { perSecond, ratePerSecond } from '../report/stats.js';
import { benchSettings, workerTuning } from '../settings.js';
import type { RunContext } from './run-context.js';

export type FloorResult = Readonly<{
  workflows: number;
  seconds: number;
  workflowsPerSecond: number;
  startsPerSecond: number;
  perSecond: number[];
  workerMemory: MemoryPeak;
  cpu: CpuUse;
}>;

/** Closing times of the floor's completed workflows, once all of them have closed. */
async function waitForCompletions(
  client: Client,
  taskQueue: string,
  expected: number,
  meter: { stop: () => CpuUse },
): Promise<{ closedAt: number[]; cpu: CpuUse }> {
  const query = `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Completed"`;
  const deadline = Date.now() + benchSettings.phaseTimeoutMs;
  let count: number;
  while ((count = (await client.workflow.count(query)).count) < expected) {
    if (Date.now() > deadline) throw new Error(`only ${count} of ${expected} floor workflows completed in time`);
    await sleep(1_000);
  }
  const cpu = meter.stop();
  const closedAt: number[] = [];
  for await (const workflow of client.workflow.list({ query })) {
    if (workflow.closeTime !== undefined) closedAt.push(workflow.closeTime.getTime());
  }
  return { closedAt, cpu };
}

/** A floor worker process with the pipeline worker's tuning, polling `taskQueue`. */
export function startFloorWorker(context: RunContext, name: string, taskQueue: string) {
  return startMeasuredChild(
    name,
    'bench/processes/floor-worker.ts',
    {
      TEMPORAL_ADDRESS: context.services.temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      BENCH_WORKFLOW_BUNDLE: context.bundles.floor,
      BENCH_WORKER_TUNING: JSON.stringify(workerTuning),
      ...benchSettings.workerEnv,
    },
    { kind: 'ipc' },
  );
}

/**
 * The Temporal floor: as many trivial workflows (one no-op activity) as the pipeline burst has pushes, started with
 * the same concurrency on a worker process with the same tuning.
 */
export async function measureFloor(context: RunContext): Promise<FloorResult> {
  const taskQueue = context.taskQueue('floor');
  const worker = await startFloorWorker(context, 'floor-worker', taskQueue);
  const connection = await Connection.connect({ address: context.services.temporalAddress });
  try {
    const client = new Client({ connection });
    const ids = Array.from({ length: benchSettings.burstSize }, (_, index) => `bench-floor-${context.runId}-${index}`);
    const meter = meterCpu({ ...context.pids, worker1: worker.child.pid });
    const startedAt = Date.now();
    await mapLimited(ids, benchSettings.concurrency, (workflowId) =>
      client.workflow.start('benchFloorWorkflow', { taskQueue, workflowId }),
    );
    const startsDoneAt = Date.now();
    const { closedAt, cpu } = await waitForCompletions(client, taskQueue, ids.length, meter);
    const endedAt = Math.max(...closedAt);
    return {
      workflows: ids.length,
      seconds: (endedAt - startedAt) / 1000,
      workflowsPerSecond: ratePerSecond(ids.length, startedAt, endedAt),
      startsPerSecond: ratePerSecond(ids.length, startedAt, startsDoneAt),
      perSecond: perSecond(closedAt, startedAt),
      workerMemory: worker.memory(),
      cpu,
    };
  } finally {
    await connection.close();
    await worker.stop();
  }
}
