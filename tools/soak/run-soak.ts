// `npm run soak`: a steady stream of mixed pushes for 30 minutes (SOAK_MINUTES) through the product's own receiver
// and worker processes; reports memory, latency, file growth and errors, and writes them to docs/reliability.md.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { format, resolveConfig } from 'prettier';
import {
  dataDir,
  ensureServiceBinaries,
  serviceFiles,
  servicesInfo,
  servicesStatus,
  startServices,
  stopServices,
  terminalProgress,
  type ServiceName,
} from '../dev-services/index.js';
import type { GarageConfig } from '../../src/config.js';
import { openMongo, type MongoHandle } from '../../src/store/open-mongo.js';
import { createChildren, type Child } from '../faults/children.js';
import { repoRoot } from '../faults/fault-setup.js';
import { warmUp } from '../faults/run-fault.js';
import { perMinute, soakChart, soakMarkdown, verdicts } from './soak-report.js';
import { startSampling } from './soak-samples.js';
import { startTraffic } from './soak-traffic.js';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const minutes = numberFromEnv('SOAK_MINUTES', 30);
const perSecond = numberFromEnv('SOAK_PER_SECOND', 5);
// Long enough for the JIT, the worker's workflow cache and the database's pages to settle before memory is compared.
const warmUpMinutes = numberFromEnv('SOAK_WARM_UP_MINUTES', minutes >= 15 ? 5 : 1);
const receiverPort = numberFromEnv('SOAK_RECEIVER_PORT', 3460);
const operatorPort = numberFromEnv('SOAK_OPERATOR_PORT', 3461);
const workerMetricsPort = numberFromEnv('SOAK_WORKER_METRICS_PORT', 3462);
/** `SOAK_REPORT=0` measures without touching docs/ (a try-out). */
const writeReport = process.env['SOAK_REPORT'] !== '0';
/** A machine slower than the traffic builds a backlog; the soak waits this long for it before counting the lost. */
const drainMs = numberFromEnv('SOAK_DRAIN_MINUTES', 15) * 60_000;

const startedAt = Date.now();
const say = (line: string) =>
  console.log(`[soak ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(5)} s] ${line}`);

const stamp = new Date().toISOString().slice(0, 19).replace(/\D/g, '');
const database = `soak_${stamp}`;
const garage: GarageConfig = {
  id: `soak-${stamp}`,
  secrets: [`soak-secret-${randomBytes(12).toString('hex')}`],
  keepImportingAfterWorkStarted: false,
};
const info = servicesInfo();
const receiverUrl = `http://127.0.0.1:${receiverPort}`;
const logDir = join(dataDir(), 'soak-logs', stamp);
const children = createChildren(
  {
    TEMPORAL_ADDRESS: info.temporalAddress,
    TEMPORAL_UI_URL: info.temporalUiUrl,
    TEMPORAL_TASK_QUEUE: `soak-${stamp}`,
    MONGODB_URL: info.mongoUrl,
    MONGODB_DATABASE: database,
    RECEIVER_HOST: '127.0.0.1',
    RECEIVER_PORT: String(receiverPort),
    OPERATOR_PORT: String(operatorPort),
    WORKER_METRICS_PORT: String(workerMetricsPort),
    CARSYS_GARAGES: JSON.stringify([garage]),
    ENCRYPTION_KEYS: JSON.stringify([{ id: 'soak-1', key: randomBytes(32).toString('base64') }]),
    LOG_LEVEL: 'warn',
  },
  logDir,
);

let startedServices = false;
let mongo: MongoHandle | undefined;

async function cleanUp(): Promise<void> {
  await children.stopAll();
  await mongo?.db.dropDatabase().catch(() => undefined);
  await mongo?.client.close().catch(() => undefined);
  if (startedServices) await stopServices({ progress: () => undefined });
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping what the soak started`);
    void cleanUp().finally(() => process.exit(130));
  });
}

function servicePid(name: ServiceName): number | undefined {
  try {
    const pid = Number(readFileSync(serviceFiles(name).pid, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Lines the worker and receiver logged at level error or fatal (pino: 50, 60). */
function errorLines(): number {
  return children.logLines('"level":50').length + children.logLines('"level":60').length;
}

function machine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}, load average ${loadavg()[1]?.toFixed(1)} over the last 5 minutes of the run (other work on the machine included)`;
}

async function run(): Promise<boolean> {
  await ensureServiceBinaries(terminalProgress);
  startedServices = (await servicesStatus()).some((service) => service.state !== 'running');
  say(`services: ${info.temporalAddress}, ${info.mongoUrl} (data in ${dataDir()})`);
  await startServices({ progress: () => undefined });
  mongo = await openMongo({ url: info.mongoUrl, database }, 10_000, {
    socketTimeoutMS: 10_000,
    connectTimeoutMS: 10_000,
  });
  const worker: Child = children.startWorker('worker');
  const receiver = await children.startReceiver(receiverUrl);
  await warmUp(garage, receiverUrl, mongo.collections);
  say(`worker and receiver importing (logs in ${logDir}); ${minutes} minutes at ${perSecond} pushes/s`);

  const sampling = startSampling(
    {
      worker: () => worker.process.pid,
      receiver: () => receiver.process.pid,
      temporal: () => servicePid('temporal'),
      ferretdb: () => servicePid('ferretdb'),
    },
    { temporal: serviceFiles('temporal').data, ferretdb: serviceFiles('ferretdb').data },
    5_000,
  );
  const finished = new Map<string, { at: number; status: string }>();
  const poll = async (since: Date) => {
    const done = await mongo!.collections.imports
      .find({ garageId: garage.id, finishedAt: { $gte: since } }, { projection: { _id: 1, finishedAt: 1, status: 1 } })
      .toArray();
    for (const record of done) {
      if (record.finishedAt !== null && !finished.has(record._id)) {
        finished.set(record._id, { at: record.finishedAt.getTime(), status: record.status });
      }
    }
  };
  const trafficStartedAt = Date.now();
  const traffic = startTraffic({ url: receiverUrl, garage, perSecond });
  let lastPoll = new Date(trafficStartedAt - 1_000);
  let nextReport = trafficStartedAt + 60_000;
  while (Date.now() < trafficStartedAt + minutes * 60_000) {
    await sleep(5_000);
    const now = new Date();
    await poll(new Date(lastPoll.getTime() - 10_000)).catch((error: unknown) => say(`poll failed: ${String(error)}`));
    lastPoll = now;
    if (Date.now() >= nextReport) {
      nextReport += 60_000;
      const accepted = traffic.sent.filter((push) => push.importId !== null).length;
      const rss = sampling.samples.at(-1)?.rssMb ?? {};
      say(
        `${traffic.sent.length} sent, ${accepted} accepted, ${finished.size} finished; RSS worker ${rss['worker']?.toFixed(0)} MB, receiver ${rss['receiver']?.toFixed(0)} MB`,
      );
    }
  }
  await traffic.stop();
  const trafficEndedAt = Date.now();
  say('traffic stopped; waiting for the last imports');
  const wanted = () => traffic.sent.filter((push) => push.importId !== null && !finished.has(push.importId)).length;
  const drainUntil = Date.now() + drainMs;
  while (wanted() > 0 && Date.now() < drainUntil) {
    await sleep(2_000);
    await poll(new Date(trafficStartedAt - 1_000));
  }
  const drainSeconds = (Date.now() - trafficEndedAt) / 1000;
  const samples = sampling.stop();
  const soak = {
    startedAt: trafficStartedAt,
    endedAt: trafficEndedAt,
    perSecond,
    warmUpMinutes,
    sent: traffic.sent,
    finished,
    samples,
    errorLogLines: errorLines(),
    drainSeconds,
  };
  const minuteRows = perMinute(soak);
  const checks = verdicts(soak, minuteRows);
  for (const check of checks) say(`${check.ok ? 'pass' : 'FAIL'}: ${check.line}`);
  if (writeReport) {
    const label = minutes >= 30 ? 'full run' : `short run (${minutes} minutes, not the full 30)`;
    const svgName = 'soak.svg';
    writeFileSync(
      join(repoRoot, 'docs', svgName),
      soakChart(soak, minuteRows, `Soak, ${label}, ${new Date(trafficStartedAt).toISOString().slice(0, 16)} UTC`),
    );
    const section = soakMarkdown(soak, minuteRows, machine(), svgName);
    await writeSoakSection(join(repoRoot, 'docs', 'reliability.md'), `Latest soak: ${label}.`, section);
    say(`written to docs/reliability.md and docs/${svgName}`);
  }
  return checks.every((check) => check.ok);
}

/** Replaces the soak's part of the document (between its markers), leaving the fault run's figures alone. */
async function writeSoakSection(file: string, label: string, section: string): Promise<void> {
  const begin = '<!-- soak:begin -->';
  const end = '<!-- soak:end -->';
  const current = readFileSync(file, 'utf8');
  const block = `${begin}\n\n${label}\n\n${section}\n\n${end}`;
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n## Soak\n\n\`npm run soak\` (\`tools/soak/\`) is described in the README; its latest figures:\n\n${block}\n`;
  // Formatted as the repository formats Markdown, so `prettier --check` passes on the written file.
  writeFileSync(file, await format(next, { ...(await resolveConfig(file)), parser: 'markdown' }));
}

let exitCode = 1;
try {
  exitCode = (await run()) ? 0 : 1;
} catch (error) {
  say(`the soak broke off: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  say('stopping worker and receiver');
  await cleanUp();
}
process.exit(exitCode);
