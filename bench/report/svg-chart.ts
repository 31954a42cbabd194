import type { BenchResults } from './results.js';
import { linearTicks, plotSvg, svgDocument, type Series } from './svg-plot.js';

const colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

const timeline = (counts: readonly number[]): [number, number][] =>
  counts.map((count, second) => [second + 0.5, count]);

function throughputSeries(results: BenchResults): Series[] {
  const two = results.scaling.find((run) => run.workers === 2);
  return [
    {
      name: 'pipeline: accepted/s (1 worker)',
      color: colors[0] ?? '',
      points: timeline(results.pipeline.acceptedPerSecond),
      dashed: true,
    },
    {
      name: 'pipeline: imported/s (1 worker)',
      color: colors[0] ?? '',
      points: timeline(results.pipeline.importedPerSecond),
    },
    ...(two === undefined
      ? []
      : [
          {
            name: 'pipeline: imported/s (2 workers)',
            color: colors[2] ?? '',
            points: timeline(two.burst.importedPerSecond),
          },
        ]),
    { name: 'Temporal floor: completed/s', color: colors[1] ?? '', points: timeline(results.floor.perSecond) },
    { name: 'direct baseline: imported/s', color: colors[3] ?? '', points: timeline(results.direct.perSecond) },
  ];
}

/** Percentile p on a "nines" scale: 0, 90, 99, 99.9 equally spaced, so the tail is readable; the maximum at the edge. */
const nines = (p: number): number => -Math.log10(Math.max(1e-4, 1 - p / 100));

function latencySeries(results: BenchResults): Series[] {
  const curves = [
    ...results.accept.map((result) => ({
      name: `${result.ratePerSecond}/s, ${result.workersImporting === 0 ? 'no worker' : 'worker importing'}`,
      curve: result.latencyCurve,
    })),
    { name: `saturation (${results.pipeline.acceptsPerSecond}/s)`, curve: results.pipeline.acceptLatencyCurve },
  ];
  return curves.map(({ name, curve }, index) => ({
    name,
    color: colors[index % colors.length] ?? '',
    points: curve.map(({ percentile, ms }) => [percentile, Math.max(1, ms)] as const),
  }));
}

type Curve = readonly { percentile: number; ms: number }[];
const curvePoints = (curve: Curve): [number, number][] =>
  curve.map(({ percentile, ms }) => [percentile, Math.max(1, ms)]);

/** Push to documents per steady rate (solid), the floor workflow at the same rate (dashed), and the fairness phase. */
function pushToDocumentsSeries(results: BenchResults): Series[] {
  const series: Series[] = results.latency.flatMap((result, index) => [
    {
      name: `${result.ratePerSecond}/s push to documents`,
      color: colors[index % colors.length] ?? '',
      points: curvePoints(result.pushToDocuments.latencyCurve),
    },
    {
      name: `${result.ratePerSecond}/s floor workflow`,
      color: colors[index % colors.length] ?? '',
      points: curvePoints(result.floorStartToCompletion.latencyCurve),
      dashed: true,
    },
  ]);
  const { fairness } = results;
  if (fairness === null) return series;
  return [
    ...series,
    { name: 'B-E, quiet', color: colors[5] ?? '', points: curvePoints(fairness.othersQuiet.latencyCurve) },
    {
      name: "B-E, during A's burst",
      color: colors[6] ?? '',
      points: curvePoints(fairness.othersDuringBurst.latencyCurve),
    },
  ];
}

function logAxis(series: readonly Series[], label: string) {
  const slowest = Math.max(...series.flatMap((line) => line.points.map(([, y]) => y)), 100);
  const ticks = [
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000,
  ].filter((t) => t <= slowest * 2);
  const max = ticks.at(-1) ?? 100;
  return { label, min: 1, max, ticks, scale: (ms: number) => Math.log10(Math.max(1, ms)) / Math.log10(max) };
}

const percentileAxis = {
  label: 'percentile',
  min: 0,
  max: 100,
  ticks: [0, 50, 90, 99, 99.9, 100],
  scale: (p: number) => nines(p) / 4,
  tickLabel: (p: number) => (p === 100 ? 'max' : `p${p}`),
};

/** The run at a glance: throughput over time for each burst, and the accept latency distribution per rate. */
export function renderChart(results: BenchResults): string {
  const throughput = throughputSeries(results);
  const seconds = Math.max(...throughput.map((series) => series.points.length), 1);
  const peak = Math.max(...throughput.flatMap((series) => series.points.map(([, y]) => y)), 1);
  const latency = latencySeries(results);
  const slowest = Math.max(...latency.flatMap((series) => series.points.map(([, y]) => y)), 100);
  const logTicks = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000].filter((t) => t <= slowest * 2);
  const logMax = logTicks.at(-1) ?? 100;
  const body = [
    `<text x="20" y="24" font-size="16" font-weight="bold">Carsys push import bench, run ${results.generatedAt} (${results.machine.cores} cores, Node ${results.machine.node})</text>`,
    plotSvg({
      left: 80,
      top: 70,
      width: 620,
      height: 260,
      title: `Throughput over time, 1-s buckets (burst of ${results.pipeline.pushes})`,
      x: { label: 'seconds since the burst started', min: 0, max: seconds, ticks: linearTicks(seconds, 8) },
      y: { label: 'per second', min: 0, max: linearTicks(peak).at(-1) ?? peak, ticks: linearTicks(peak) },
      series: throughput,
    }),
    plotSvg({
      left: 80,
      top: 420,
      width: 620,
      height: 260,
      title: 'Receiver accept latency distribution (dashed: 50 ms target)',
      x: {
        label: 'percentile',
        min: 0,
        max: 100,
        ticks: [0, 50, 90, 99, 99.9, 100],
        scale: (p) => nines(p) / 4,
        tickLabel: (p) => (p === 100 ? 'max' : `p${p}`),
      },
      y: {
        label: 'ms (log scale)',
        min: 1,
        max: logMax,
        ticks: logTicks,
        scale: (ms) => Math.log10(Math.max(1, ms)) / Math.log10(logMax),
      },
      series: [
        ...latency,
        {
          name: 'target 50 ms',
          color: '#999',
          points: [
            [0, 50],
            [100, 50],
          ],
          dashed: true,
        },
      ],
    }),
    ...(results.latency.length === 0 && results.fairness === null
      ? []
      : [
          plotSvg({
            left: 80,
            top: 770,
            width: 620,
            height: 260,
            title: 'Push to documents written, steady rates (dashed: floor workflow, start to completion)',
            x: percentileAxis,
            y: logAxis(pushToDocumentsSeries(results), 'ms (log scale)'),
            series: pushToDocumentsSeries(results),
          }),
        ]),
  ].join('\n');
  const height = results.latency.length === 0 && results.fairness === null ? 730 : 1080;
  return svgDocument(960, height, body);
}
