import { percentile } from '../../bench/report/stats.js';
import { linearTicks, plotSvg, svgDocument, type Series } from '../../bench/report/svg-plot.js';
import type { Sample } from './soak-samples.js';
import type { SentPush } from './soak-traffic.js';

export type SoakRun = Readonly<{
  startedAt: number;
  endedAt: number;
  perSecond: number;
  warmUpMinutes: number;
  sent: readonly SentPush[];
  /** When each import finished (worker clock, same machine), by import id, and how. */
  finished: ReadonlyMap<string, Readonly<{ at: number; status: string }>>;
  samples: readonly Sample[];
  /** Error lines in the worker and receiver logs (level error or fatal). */
  errorLogLines: number;
  /** How long the last imports took to finish after the traffic stopped. */
  drainSeconds: number;
}>;

export type Minute = Readonly<{
  minute: number;
  pushes: number;
  /** Imports that finished in this minute, whenever their push came in: below the pushes, a backlog grows. */
  finished: number;
  acceptP50: number;
  acceptP99: number;
  documentsP50: number;
  documentsP99: number;
  rssMb: Readonly<Record<string, number>>;
  fileMb: Readonly<Record<string, number>>;
  load: number;
}>;

const expectedStatus: Readonly<Record<SentPush['kind'], number>> = {
  new: 202,
  update: 202,
  resend: 200,
  cancel: 202,
  invalid: 202,
  'bad-signature': 401,
};

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const p = (values: readonly number[], at: number) =>
  percentile(
    [...values].sort((a, b) => a - b),
    at,
  );

/** Full minutes of traffic only: a last partial minute would compare a few pushes with a full one. */
export function perMinute(run: SoakRun): Minute[] {
  const minutes = Math.floor((run.endedAt - run.startedAt) / 60_000);
  return Array.from({ length: minutes }, (_, minute) => {
    const from = run.startedAt + minute * 60_000;
    const to = from + 60_000;
    const pushes = run.sent.filter((push) => push.sentAt >= from && push.sentAt < to);
    const accept = pushes.filter((push) => push.status !== 0).map((push) => push.acceptMs);
    const documents = pushes.flatMap((push) => {
      const done = push.importId === null ? undefined : run.finished.get(push.importId);
      return done === undefined ? [] : [done.at - push.sentAt];
    });
    const samples = run.samples.filter((sample) => sample.at >= from && sample.at < to);
    const last = samples.at(-1);
    const names = Object.keys(samples[0]?.rssMb ?? {});
    return {
      minute: minute + 1,
      pushes: pushes.length,
      finished: [...run.finished.values()].filter((done) => done.at >= from && done.at < to).length,
      acceptP50: p(accept, 50),
      acceptP99: p(accept, 99),
      documentsP50: p(documents, 50),
      documentsP99: p(documents, 99),
      rssMb: Object.fromEntries(names.map((name) => [name, median(samples.map((sample) => sample.rssMb[name] ?? 0))])),
      load: median(samples.map((sample) => sample.load)),
      fileMb: Object.fromEntries(
        Object.entries(last?.fileBytes ?? {}).map(([name, bytes]) => [name, bytes / 1024 ** 2]),
      ),
    };
  });
}

export type Verdict = Readonly<{ ok: boolean; line: string }>;

/** The pass/fail lines: memory growth after warm-up, latency against the first minute, nothing lost, errors. */
export function verdicts(run: SoakRun, minutes: readonly Minute[]): Verdict[] {
  const lines: Verdict[] = [];
  const base = minutes[Math.min(run.warmUpMinutes, minutes.length - 1)];
  const end = minutes.at(-1);
  for (const name of ['worker', 'receiver']) {
    const from = base?.rssMb[name] ?? Number.NaN;
    const to = end?.rssMb[name] ?? Number.NaN;
    const growth = ((to - from) / from) * 100;
    lines.push({
      ok: growth <= 10,
      line: `${name} RSS ${from.toFixed(0)} MB after the ${run.warmUpMinutes}-minute warm-up (median of minute ${base?.minute}), ${to.toFixed(0)} MB in the last minute: ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} % (allowed: +10 %)`,
    });
  }
  const first = minutes[0];
  for (const [what, of] of [
    ['accept', (minute: Minute) => minute.acceptP99],
    ['push-to-documents', (minute: Minute) => minute.documentsP99],
  ] as const) {
    const limit = 2 * (first === undefined ? Number.NaN : of(first));
    const worst = minutes.reduce((high, minute) => (of(minute) > of(high) ? minute : high), first ?? minutes[0]!);
    const over = minutes.filter((minute) => of(minute) > limit).map((minute) => minute.minute);
    lines.push({
      ok: over.length === 0,
      line: `${what} p99 per minute: first minute ${first === undefined ? '?' : of(first).toFixed(0)} ms, worst ${of(worst).toFixed(0)} ms (minute ${worst.minute}); allowed up to 2× the first (${limit.toFixed(0)} ms)${over.length === 0 ? '' : `; over it in minutes ${over.join(', ')}`}`,
    });
  }
  const accepted = run.sent.filter((push) => push.importId !== null);
  const lost = accepted.filter((push) => !run.finished.has(push.importId ?? ''));
  lines.push({
    ok: lost.length === 0,
    line: `lost: ${lost.length} of ${accepted.length} pushes answered 202 have no finished import (the last finished ${run.drainSeconds.toFixed(0)} s after the traffic stopped)`,
  });
  const wrongAnswers = run.sent.filter((push) => push.status !== expectedStatus[push.kind]);
  const failedImports = accepted.filter(
    (push) => push.kind !== 'invalid' && run.finished.get(push.importId ?? '')?.status === 'failed',
  );
  const invalidNotFailed = accepted.filter((push) => {
    const done = run.finished.get(push.importId ?? '');
    return push.kind === 'invalid' && done !== undefined && done.status !== 'failed';
  });
  const errors = wrongAnswers.length + failedImports.length + invalidNotFailed.length + run.errorLogLines;
  const answers = new Map<string, number>();
  for (const push of wrongAnswers) {
    const key = `${push.kind} answered ${push.status}${push.code === null ? '' : ` ${push.code}`}`;
    answers.set(key, (answers.get(key) ?? 0) + 1);
  }
  lines.push({
    ok: errors === 0,
    line: `errors: ${errors} (unexpected answers: ${wrongAnswers.length}${answers.size === 0 ? '' : ` — ${[...answers].map(([key, n]) => `${n} × ${key}`).join(', ')}`}; valid pushes whose import failed: ${failedImports.length}; invalid pushes not failed: ${invalidNotFailed.length}; error lines in the worker and receiver logs: ${run.errorLogLines})`,
  });
  return lines;
}

const colors: Readonly<Record<string, string>> = {
  worker: '#1f77b4',
  receiver: '#d62728',
  temporal: '#2ca02c',
  ferretdb: '#9467bd',
};

/** Memory and files over time, and latency per minute, as one SVG. */
export function soakChart(run: SoakRun, minutes: readonly Minute[], title: string): string {
  const t = (at: number) => (at - run.startedAt) / 60_000;
  const span = Math.max(1, t(run.endedAt));
  const names = Object.keys(run.samples[0]?.rssMb ?? {});
  const rss: Series[] = names.map((name) => ({
    name: `${name} RSS`,
    color: colors[name] ?? '#555',
    points: run.samples.map((sample) => [t(sample.at), sample.rssMb[name] ?? 0] as const),
  }));
  const rssPeak = Math.max(...run.samples.flatMap((sample) => Object.values(sample.rssMb)), 1);
  const fileNames = Object.keys(run.samples[0]?.fileBytes ?? {});
  const files: Series[] = fileNames.map((name) => ({
    name: `${name} files`,
    color: colors[name] ?? '#555',
    points: run.samples.map((sample) => [t(sample.at), (sample.fileBytes[name] ?? 0) / 1024 ** 2] as const),
  }));
  const filePeak = Math.max(...run.samples.flatMap((sample) => Object.values(sample.fileBytes)), 1) / 1024 ** 2;
  const atMinute = (of: (minute: Minute) => number) =>
    minutes.map((minute) => [minute.minute - 0.5, Math.max(1, of(minute))] as const);
  const latency: Series[] = [
    { name: 'accept p99', color: '#d62728', points: atMinute((m) => m.acceptP99) },
    { name: 'accept p50', color: '#d62728', points: atMinute((m) => m.acceptP50), dashed: true },
    { name: 'push-to-documents p99', color: '#1f77b4', points: atMinute((m) => m.documentsP99) },
    { name: 'push-to-documents p50', color: '#1f77b4', points: atMinute((m) => m.documentsP50), dashed: true },
  ];
  const slowest = Math.max(...latency.flatMap((series) => series.points.map(([, y]) => y)), 100);
  const logTicks = [1, 10, 100, 1000, 10000, 100000].filter((tick) => tick <= slowest * 10);
  const logMax = logTicks.at(-1) ?? 1000;
  const x = { label: 'minutes since the traffic started', min: 0, max: span, ticks: linearTicks(span, 6) };
  const body = [
    `<text x="20" y="24" font-size="16" font-weight="bold">${title}</text>`,
    plotSvg({
      left: 80,
      top: 70,
      width: 560,
      height: 200,
      title: 'Resident memory (RSS), sampled every 5 s',
      x,
      y: { label: 'MB', min: 0, max: linearTicks(rssPeak).at(-1) ?? rssPeak, ticks: linearTicks(rssPeak) },
      series: rss,
    }),
    plotSvg({
      left: 80,
      top: 340,
      width: 560,
      height: 200,
      title: 'Latency per minute',
      x,
      y: {
        label: 'ms (log scale)',
        min: 1,
        max: logMax,
        ticks: logTicks,
        scale: (ms) => Math.log10(Math.max(1, ms)) / Math.log10(logMax),
      },
      series: latency,
    }),
    plotSvg({
      left: 80,
      top: 610,
      width: 560,
      height: 200,
      title: 'Database and Temporal files on disk',
      x,
      y: { label: 'MB', min: 0, max: linearTicks(filePeak).at(-1) ?? filePeak, ticks: linearTicks(filePeak) },
      series: files,
    }),
  ].join('\n');
  return svgDocument(900, 870, body);
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(0));
const mb = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(0));

/** The soak's section of docs/reliability.md. */
export function soakMarkdown(run: SoakRun, minutes: readonly Minute[], machine: string, svgName: string): string {
  const checks = verdicts(run, minutes);
  const durationMin = ((run.endedAt - run.startedAt) / 60_000).toFixed(1);
  const kinds = new Map<string, number>();
  for (const push of run.sent) kinds.set(push.kind, (kinds.get(push.kind) ?? 0) + 1);
  const header =
    '| minute | pushes | imports finished | accept p50 / p99 (ms) | push-to-documents p50 / p99 (ms) | worker RSS (MB) | receiver RSS (MB) | Temporal RSS (MB) | FerretDB RSS (MB) | Temporal files (MB) | FerretDB files (MB) | load (1 min) |';
  const rows = minutes.map(
    (m) =>
      `| ${m.minute} | ${m.pushes} | ${m.finished} | ${ms(m.acceptP50)} / ${ms(m.acceptP99)} | ${ms(m.documentsP50)} / ${ms(m.documentsP99)} | ${mb(m.rssMb['worker'])} | ${mb(m.rssMb['receiver'])} | ${mb(m.rssMb['temporal'])} | ${mb(m.rssMb['ferretdb'])} | ${mb(m.fileMb['temporal'])} | ${mb(m.fileMb['ferretdb'])} | ${m.load.toFixed(1)} |`,
  );
  return [
    `Run of ${new Date(run.startedAt).toISOString()}: ${durationMin} minutes of traffic at ${run.perSecond} pushes a second, warm-up ${run.warmUpMinutes} minute(s). Machine: ${machine}.`,
    '',
    `Pushes sent: ${run.sent.length} (${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')}).`,
    '',
    `Result: ${checks.every((check) => check.ok) ? 'passed' : 'FAILED'}.`,
    '',
    ...checks.map((check) => `- ${check.ok ? 'pass' : 'FAIL'}: ${check.line}`),
    '',
    header,
    `|${' --- |'.repeat(12)}`,
    ...rows,
    '',
    `![Soak: memory, latency and files over time](${svgName})`,
  ].join('\n');
}
