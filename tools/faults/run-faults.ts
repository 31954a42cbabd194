// `npm run test:faults`: injects faults under load into a pipeline of its own and writes docs/reliability.md.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServiceBinaries, startServices, stopServices, terminalProgress } from '../dev-services/index.js';
import { openMongo, type MongoHandle } from '../../src/store/open-mongo.js';
import { createChildren } from './children.js';
import { assertPortsFree, childEnv, faultDataDir, ports, repoRoot, serviceOptions } from './fault-setup.js';
import { faultGarages, faultSpecs, warmUpGarage } from './faults.js';
import { hangFaultGarages, hangFaultSpecs } from './hang-faults.js';
import { diskFullGarage, diskFullSpec } from './disk-full-fault.js';
import { longOutageGarage, longOutageSpec } from './long-outage-fault.js';
import { twoWorkersGarage, twoWorkersSpec } from './two-workers-fault.js';
import { smallDisk } from './small-disk.js';
import { passed, textTable, writeReliabilityReport } from './report.js';
import { runFault, warmUp, type FaultResult } from './run-fault.js';

// The dev services read their data folder from the environment when called, so this keeps the run's apart.
process.env['CLAIRE_DATA_DIR'] = faultDataDir;

const startedAt = Date.now();
const say = (line: string) =>
  console.log(`[faults ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const database = `faults_${new Date().toISOString().slice(0, 19).replace(/\D/g, '')}`;
const children = createChildren(
  childEnv(
    [
      warmUpGarage,
      ...Object.values(faultGarages),
      ...Object.values(hangFaultGarages),
      diskFullGarage,
      twoWorkersGarage,
      longOutageGarage,
    ],
    database,
  ),
);
// `npm run test:faults -- database-hung receiver-killed` runs only those (while working on one); only a run of every
// fault rewrites docs/reliability.md.
const only = process.argv.slice(2);
const receiverUrl = `http://127.0.0.1:${ports.receiver}`;
let mongo: MongoHandle | undefined;
const notRun: string[] = [];

async function cleanUp(): Promise<void> {
  await children.stopAll();
  await mongo?.client.close().catch(() => undefined);
  await stopServices({ progress: () => undefined });
  // The disk-full fault's tmpfs, should the run have stopped while it was mounted.
  smallDisk().release(false);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping everything this run started`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function run(): Promise<FaultResult[]> {
  // A run cut short before may have left its services behind: they are this script's, so stop them.
  await stopServices({ progress: () => undefined });
  smallDisk().release(false);
  for (const dir of ['temporal', 'ferretdb', 'logs']) rmSync(join(faultDataDir, dir), { recursive: true, force: true });
  await assertPortsFree();
  await ensureServiceBinaries(terminalProgress);
  say(`starting Temporal (${ports.temporal}) and FerretDB (${ports.ferretdb}) in ${faultDataDir}`);
  await startServices(serviceOptions);
  mongo = await openMongo({ url: `mongodb://127.0.0.1:${ports.ferretdb}/`, database }, 10_000, {
    socketTimeoutMS: 10_000,
    connectTimeoutMS: 10_000,
  });
  const worker = { current: children.startWorker('worker-1') };
  const receiver = { current: await children.startReceiver(receiverUrl) };
  await warmUp(warmUpGarage, receiverUrl, mongo.collections);
  say(`worker and receiver running and importing (logs in ${join(faultDataDir, 'logs')})`);

  const results: FaultResult[] = [];
  const processes = { worker, receiver };
  const diskFull = diskFullSpec(children, processes, receiverUrl, mongo.collections);
  const specs = [
    ...faultSpecs(children, worker, receiverUrl),
    ...hangFaultSpecs(children, processes, receiverUrl),
    diskFull,
    twoWorkersSpec(children, processes, mongo.collections),
    longOutageSpec(children, processes, receiverUrl),
  ];
  const unknown = only.filter((name) => !specs.some((spec) => spec.name === name));
  if (unknown.length > 0) {
    throw new Error(`no fault named ${unknown.join(', ')}; the faults: ${specs.map((spec) => spec.name).join(', ')}`);
  }
  for (const spec of specs.filter((candidate) => only.length === 0 || only.includes(candidate.name))) {
    const cannot = spec === diskFull ? diskFull.unavailable() : null;
    if (cannot !== null) {
      // Never faked: the run says why it could not inject the fault, and does not count as survived.
      say(`${spec.name}: NOT RUN: ${cannot}`);
      notRun.push(spec.name);
      continue;
    }
    say(`${spec.name}: ${spec.how}`);
    const result = await runFault(spec, receiverUrl, mongo.collections, children);
    results.push(result);
    for (const line of [...result.notes, ...result.problems.map((problem) => `PROBLEM: ${problem}`)]) {
      say(`  ${line}`);
    }
    say(
      `  ${passed(result) ? 'ok' : 'FAILED'}: ${result.imported}/${result.sent} imported, ${result.lost} lost, ${result.duplicated} duplicated`,
    );
  }
  return results;
}

let exitCode = 1;
try {
  const results = await run();
  const report = join(repoRoot, 'docs', 'reliability.md');
  const hangs = children.logMentions('MongoMonitorHang');
  const runNotes = [
    `Database monitor hangs (mongodb driver 7.9) healed by \`src/store/mongo-watchdog.ts\` during the run: ${hangs}.`,
  ];
  if (only.length === 0) await writeReliabilityReport(report, results, (Date.now() - startedAt) / 1000, runNotes);
  console.log(`\n${textTable(results)}\n`);
  exitCode = results.every(passed) && notRun.length === 0 ? 0 : 1;
  const written =
    only.length === 0 ? `table written to ${report}` : `only ${only.join(', ')}: ${report} left as it was`;
  say(`${exitCode === 0 ? 'all faults survived' : 'FAILED'}; ${written}`);
} catch (error) {
  say(`the run broke off: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  say('stopping worker, receiver, Temporal and FerretDB');
  await cleanUp();
}
process.exit(exitCode);
