// `npm run bench`: the Temporal floor, the direct baseline and the pipeline end to end, side by side in one run.
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureDirect } from './phases/measure-direct.js';
import { measureFloor } from './phases/measure-floor.js';
import { runAcceptRates, runBurst, runFairness, runLatency, type BurstRun } from './phases/pipeline-run.js';
import type { MemoryPeak } from './processes/memory-sampler.js';
import { createRunContext, type RunContext } from './phases/run-context.js';
import { killLiveChildren } from './processes/child-process.js';
import { cpuRow } from './report/cpu-breakdown.js';
import { machineFacts, type MachineFacts } from './report/machine-facts.js';
import { costTargetsOf, latencyTargetsOf, ratiosOf, targetsOf, type BenchResults } from './report/results.js';
import { renderChart } from './report/svg-chart.js';
import { printTable } from './report/table.js';
import { startBenchServices } from './services/bench-services.js';
import { dropDatabases } from './services/drop-databases.js';
import { buildWorkflowBundles } from './services/workflow-bundles.js';
import { benchSettings, workerTuning } from './settings.js';

const step = (line: string): void => console.error(`[bench] ${line}`);
const resultsFile = new URL('./results.json', import.meta.url);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const chartFile = new URL('./results.svg', import.meta.url);

async function measureAll(context: RunContext, started: number, machine: MachineFacts): Promise<BenchResults> {
  step(`run ${context.runId}: direct baseline`);
  const direct = await measureDirect(context);
  step(`direct: ${direct.importsPerSecond} imports/s; Temporal floor`);
  const floor = await measureFloor(context);
  step(`floor: ${floor.workflowsPerSecond} workflows/s; pipeline`);
  const skip = new Set<string>(benchSettings.skip);
  const runs: BurstRun[] = [];
  for (const workers of skip.has('scaling') ? [1] : benchSettings.scalingWorkers) {
    runs.push(await runBurst(context, workers));
  }
  const rates = skip.has('rates') ? undefined : await runAcceptRates(context);
  const latency = skip.has('latency') ? [] : await runLatency(context);
  const fairness = skip.has('fairness') ? null : await runFairness(context);
  const single = runs.find((run) => run.workers === 1);
  const singleWorker = single?.workerMemory[0];
  if (single === undefined || singleWorker === undefined) throw new Error('the bench needs a one-worker run');
  const peakOf = (peaks: readonly MemoryPeak[]): MemoryPeak =>
    peaks.reduce((a, b) => (b.peakRssMb > a.peakRssMb ? b : a));
  const workerMemory = peakOf([singleWorker, ...(rates?.workerMemory ?? [])]);
  const receiverMemory = peakOf([single.receiverMemory, ...(rates?.receiverMemory ?? [])]);
  const accept = rates?.accept ?? [];
  const scaling = runs.map(({ workers, burst, workerMemory: memory, workerStartSeconds }) => ({
    workers,
    burst,
    workerMemory: memory,
    workerStartSeconds,
  }));
  const ratios = ratiosOf(floor, direct, single.burst, scaling);
  const burstCpu = (run: BurstRun) =>
    cpuRow(`pipeline ${run.workers} worker(s), per import`, run.burst.pushes, run.burst.cpu, machine.cores);
  return {
    generatedAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine,
    // Relative, so the committed results name no machine path.
    settings: { ...benchSettings, dataDir: relative(repoRoot, benchSettings.dataDir), workerTuning },
    floor,
    direct,
    pipeline: single.burst,
    accept,
    latency,
    fairness,
    memory: { receiver: receiverMemory, worker: workerMemory, floorWorker: floor.workerMemory },
    scaling,
    ratios,
    targets: [
      ...targetsOf(ratios, accept, workerMemory),
      ...costTargetsOf(burstCpu(single)),
      ...latencyTargetsOf(latency, fairness),
    ],
    cpu: [
      cpuRow('Temporal floor, per workflow', floor.workflows, floor.cpu, machine.cores),
      cpuRow('direct baseline, per import', direct.imports, direct.cpu, machine.cores),
      ...runs.map(burstCpu),
      ...latency.map((result) =>
        cpuRow(`steady ${result.ratePerSecond}/s, per import`, result.pushToDocuments.count, result.cpu, machine.cores),
      ),
      ...(fairness === null
        ? []
        : [
            cpuRow(
              "fairness, A's burst and B-E, per import",
              fairness.burst.accepted + fairness.othersDuringBurst.count,
              fairness.cpu,
              machine.cores,
            ),
          ]),
    ],
  };
}

const started = Date.now();
const machine = machineFacts();
step('starting services on the bench ports');
const services = await startBenchServices();
let context: RunContext | undefined;
try {
  step('bundling workflow code');
  context = createRunContext(services.info, services.pids, await buildWorkflowBundles());
  const results = await measureAll(context, started, machine);
  await writeFile(resultsFile, `${JSON.stringify({ ...results, servicesReused: services.reused }, null, 2)}\n`);
  await writeFile(chartFile, renderChart(results));
  printTable(results);
  step(`wrote bench/results.json and bench/results.svg after ${results.durationSeconds} s`);
} finally {
  killLiveChildren();
  if (context !== undefined) await dropDatabases(services.info.mongoUrl, context.databases).catch(() => undefined);
  await services.stop();
}
