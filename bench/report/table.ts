import type { BenchResults } from './results.js';
import type { LatencySummary } from './stats.js';

const cell = (text: string | number, width: number): string => String(text).padStart(width);
const label = (text: string): string => text.padEnd(40);

// Wide enough for minutes in ms: a starved garage's latency runs to six digits.
const figures = (latency: LatencySummary): string =>
  [latency.p50, latency.p95, latency.p99, latency.max].map((v) => cell(v, 10)).join('');

function latencyLines(results: BenchResults): string[] {
  const { latency, fairness } = results;
  const header = `${label('push to documents (ms)')}${['p50', 'p95', 'p99', 'max', 'errors'].map((h) => cell(h, 10)).join('')}`;
  const rows = latency.flatMap((l) => [
    `${label(`${l.ratePerSecond}/s, pipeline (push to documents)`)}${figures(l.pushToDocuments.latency)}${cell(l.errors, 10)}`,
    `${label(`${l.ratePerSecond}/s, pipeline (push to import log)`)}${figures(l.pushToImportLog.latency)}`,
    `${label(`${l.ratePerSecond}/s, floor (start to completion)`)}${figures(l.floorStartToCompletion.latency)}`,
  ]);
  const fair =
    fairness === null
      ? []
      : [
          `${label('B-E at 1/s each, quiet pipeline')}${figures(fairness.othersQuiet.latency)}`,
          `${label("B-E at 1/s each, during A's burst")}${figures(fairness.othersDuringBurst.latency)}${cell(fairness.othersErrors, 10)}`,
          `${label("A's imports finished while one waited")}${figures(fairness.burstImportsOvertaking)}`,
          `A's burst: ${fairness.burst.pushes} pushes, ${fairness.burst.accepted} accepted after ${fairness.burst.rateLimitedAnswers} 429s ` +
            `(limit ${fairness.rateLimitPerMinute}/min), outcomes ${JSON.stringify(fairness.burst.outcomes)}, ${fairness.burst.seconds.toFixed(1)} s`,
        ];
  return latency.length === 0 && fairness === null ? [] : [header, ...rows, ...fair];
}

/** The figures as a plain-text table on stdout. */
export function printTable(results: BenchResults): void {
  const { floor, direct, pipeline, ratios, memory, machine } = results;
  const lines = [
    '',
    `Carsys push import bench: ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, load at start ${machine.loadAverageAtStart.join(' ')}`,
    '',
    `${label('throughput')}${cell('per s', 10)}${cell('seconds', 10)}`,
    `${label('Temporal floor (no-op workflow)')}${cell(floor.workflowsPerSecond, 10)}${cell(floor.seconds.toFixed(1), 10)}`,
    `${label('direct baseline (no Temporal)')}${cell(direct.importsPerSecond, 10)}${cell(direct.seconds.toFixed(1), 10)}`,
    ...results.scaling.map(
      (run) =>
        `${label(`pipeline end to end, ${run.workers} worker process(es)`)}${cell(run.burst.importsPerSecond, 10)}${cell(run.burst.seconds.toFixed(1), 10)}`,
    ),
    `${label('receiver accepts during the burst')}${cell(pipeline.acceptsPerSecond, 10)}`,
    '',
    `ratios: pipeline/floor ${ratios.pipelineToFloor}, pipeline/direct ${ratios.pipelineToDirect}, 2 workers/1 worker ${ratios.twoWorkersToOne ?? 'n/a'}`,
    '',
    `${label('accept latency (ms)')}${['p50', 'p95', 'p99', 'max', 'errors'].map((h) => cell(h, 8)).join('')}`,
    ...results.accept.map(
      (a) =>
        `${label(`${a.ratePerSecond}/s (sent ${a.sentPerSecond}), ${a.workersImporting} worker`)}${[a.latency.p50, a.latency.p95, a.latency.p99, a.latency.max, a.errors].map((v) => cell(v, 8)).join('')}`,
    ),
    `${label(`saturation (${pipeline.acceptsPerSecond}/s)`)}${[pipeline.acceptLatency.p50, pipeline.acceptLatency.p95, pipeline.acceptLatency.p99, pipeline.acceptLatency.max, pipeline.pushes - (pipeline.answers['202'] ?? 0)].map((v) => cell(v, 8)).join('')}`,
    '',
    ...latencyLines(results),
    '',
    `${label('CPU ms per item')}${['temporal', 'ferretdb', 'receiver', 'workers', 'bench', 'total', 'others'].map((h) => cell(h, 9)).join('')}`,
    ...results.cpu.map(
      (row) =>
        `${label(row.phase)}${[...Object.values(row.msPerItem), `${Math.round(row.othersShare * 100)}%`].map((v) => cell(v, 9)).join('')}`,
    ),
    '',
    `peak RSS: receiver ${memory.receiver.peakRssMb} MB, worker ${memory.worker.peakRssMb} MB, floor worker ${memory.floorWorker.peakRssMb} MB`,
    `worker start to ready: ${results.scaling.map((run) => run.workerStartSeconds.map((s) => `${s.toFixed(1)} s`).join(', ')).join('; ')} (${String(results.settings['workerBundle'])} workflow bundle)`,
    '',
    ...results.targets.map((t) => `${t.met ? 'MET    ' : 'NOT MET'}  ${t.name}: ${t.measured} (wanted ${t.wanted})`),
    '',
  ];
  console.log(lines.join('\n'));
}
