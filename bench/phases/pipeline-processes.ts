import type { WorkerTuning } from '../../src/temporal/create-worker.js';
import { freePort } from '../../tools/free-port.js';
import { startMeasuredChild, type MeasuredChild } from '../processes/measured-child.js';
import { benchSettings } from '../settings.js';
import { pipelineEnv, type RunContext } from './run-context.js';

export type RunningReceiver = Readonly<{ url: string; process: MeasuredChild }>;

/** The product's receiver entry point (`src/main/receiver.ts`) as a child process; ready when /readyz answers 200. */
export async function startReceiverProcess(
  context: RunContext,
  run: string,
  env: Record<string, string> = {},
): Promise<RunningReceiver> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process = await startMeasuredChild(
    `receiver-${run}`,
    'src/main/receiver.ts',
    pipelineEnv(context, run, port, env),
    {
      kind: 'http',
      url: `${url}/readyz`,
    },
  );
  return { url, process };
}

/** `count` pipeline worker processes on the run's one import task queue. */
export async function startWorkerProcesses(
  context: RunContext,
  run: string,
  count: number,
  tuning: WorkerTuning,
): Promise<MeasuredChild[]> {
  const env = {
    ...pipelineEnv(context, run, 0),
    BENCH_WORKFLOW_BUNDLE: benchSettings.workerBundle === 'prebuilt' ? context.bundles.pipeline : 'source',
    BENCH_WORKER_TUNING: JSON.stringify(tuning),
    ...benchSettings.workerEnv,
  };
  return Promise.all(
    Array.from({ length: count }, (_, index) =>
      startMeasuredChild(`worker-${run}-${index + 1}`, 'bench/processes/pipeline-worker.ts', env, { kind: 'ipc' }),
    ),
  );
}
