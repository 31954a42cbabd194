import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { pinnedTools } from '../dev-services/index.js';
import { burstSize, type FaultResult } from './run-fault.js';
import { ports, retryAfterSeconds } from './fault-setup.js';

const header = [
  'fault',
  'pushes sent',
  'accepted (2xx)',
  'answered 503, resent',
  'in flight at fault',
  'imported',
  'duplicated',
  'lost',
  'time to recover',
];

function cells(result: FaultResult): string[] {
  return [
    result.name,
    String(result.sent),
    String(result.accepted),
    String(result.resent503),
    String(result.inFlightAtFault),
    String(result.imported),
    String(result.duplicated),
    String(result.lost),
    result.recoverSeconds === null ? 'did not recover' : `${result.recoverSeconds.toFixed(1)} s`,
  ];
}

/** The outcome table as aligned text, for the terminal. */
export function textTable(results: readonly FaultResult[]): string {
  const rows = [header, ...results.map(cells)];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')).join('\n');
}

function markdownTable(results: readonly FaultResult[]): string {
  const line = (row: readonly string[]) => `| ${row.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...results.map((result) => line(cells(result)))].join('\n');
}

export function passed(result: FaultResult): boolean {
  return result.lost === 0 && result.duplicated === 0 && result.recoverSeconds !== null && result.problems.length === 0;
}

function machine(): string {
  const cores = cpus();
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  const tools = `Temporal CLI ${pinnedTools.temporal.version} dev server and FerretDB ${pinnedTools.ferretdb.version}`;
  return (
    `${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ${memory} GiB memory, ${platform()} ${release()}, ` +
    `Node ${process.version}; ${tools}, both on SQLite; load average ${loadavg()[1]?.toFixed(1) ?? '?'} over the ` +
    'last 5 minutes of the run (other work on the machine included)'
  );
}

// What earlier runs of these faults found: kept in the report, as the figures above no longer show it.
const foundAndFixed = [
  'database-down: the receiver looked each push up in the import log before starting its workflow, so while the ' +
    'database was down it answered 503 (143 pushes turned away in one run) although Temporal would have kept them. ' +
    'It now asks Temporal alone (a resend is refused there as an already started workflow, answered 200 duplicate) ' +
    'and notes refused pushes for the rejection log in a bounded in-memory buffer written when the database is back ' +
    '(`src/store/rejection-buffer.ts`); a receiver started during the outage no longer waits for the database either.',
  'database-hung: the MongoDB driver (7.9) ignores `timeoutMS` and by default waits for ever for an answer and 30 s ' +
    "for a handshake, so attempts on a frozen database outlived the activities' 30 s timeout and `/readyz` could " +
    'hang. The worker now has socket, handshake and server-selection timeouts of 20, 10 and 15 s, the receiver 5 s ' +
    '(`src/store/open-mongo.ts`), and the readiness check races a 2 s timer.',
  'temporal-hung: the start already had a 5 s gRPC deadline; the push route adds its own 8 s deadline on top, so ' +
    'the answer is bounded whatever hangs behind the start. A start that timed out but had reached Temporal shows as ' +
    'a 200 on the resend, never as a second import.',
  'The audit counted a workflow closing between its three visibility counts as neither completed nor running; it ' +
    'now asks again until the counts agree.',
  'long-outage: the history of a workflow waiting out an outage grew by about 3 events per 8 s (24 after one ' +
    'minute, 69 after three): `deduplicatePush` was a local activity retrying without limit (the 30 s backoff cap ' +
    "is below the SDK's one-minute `localRetryThreshold`, so never on a durable timer) while the worker heartbeat " +
    'the open workflow task every 8 s; about 220 events for 10 minutes, the 51,200-event limit after about 38 ' +
    'hours. Fixed behind the patch `bounded-import-log-steps`: the two import-log steps get three local attempts, ' +
    'then go on as regular activities with the same retry policy, whose retries add no events ' +
    '(`test/e2e/database-outage.test.ts` holds one waiting for 40 s more and sees its history unchanged).',
  'two-workers: on FerretDB an update is a read and a whole-document write in two transactions, so only one worker ' +
    "process's writes to a document are serialised (`withDocumentLock`); two processes can let an older push win a " +
    'race (rare: no run caught it). On MongoDB the guarded update is atomic and any number of workers keep newest-wins.',
];

/** The soak's part of the document (`npm run soak`, tools/soak/), kept as it is: this run does not measure it. */
function soakSection(file: string): string[] {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const from = current.indexOf('## Soak');
  return from < 0 ? [] : [current.slice(from).trimEnd(), ''];
}

/** Writes `docs/reliability.md` from the run's own results: every figure in it comes from this run. */
export async function writeReliabilityReport(
  file: string,
  results: readonly FaultResult[],
  runSeconds: number,
  runNotes: readonly string[],
): Promise<void> {
  const verdict = results.every(passed) ? 'every fault: 0 lost, 0 duplicated' : 'FAILED: see the problems below';
  const sections = results.map((result) =>
    [
      `### ${result.name}`,
      '',
      `Injected: ${result.how}.`,
      '',
      `Proves: ${result.proves}`,
      '',
      ...result.notes.map((note) => `- ${note}`),
      ...result.problems.map((problem) => `- PROBLEM: ${problem}`),
    ].join('\n'),
  );
  const text = [
    '# Reliability under faults',
    '',
    `Written by \`npm run test:faults\` (\`tools/faults/\`) on ${new Date().toISOString()}; run it again to refresh.`,
    '',
    `Machine: ${machine()}.`,
    '',
    `Result: ${verdict}. The whole run took ${Math.round(runSeconds)} s.`,
    '',
    ...runNotes.map((note) => `- ${note}`),
    '',
    markdownTable(results),
    '',
    '## How the run works',
    '',
    `The script starts its own Temporal dev server and FerretDB (ports ${ports.temporal}, ${ports.temporalUi}, ` +
      `${ports.ferretdb}, ${ports.ferretdbDebug}; data in \`.data/faults/\`), one worker process ` +
      `(\`src/main/worker.ts\`) and one receiver process (\`src/main/receiver.ts\`, port ${ports.receiver}), ` +
      'configured by environment variables as in production.',
    `For each fault it sends a burst of ${burstSize} distinct signed pushes (10 a second, at most 16 at a time; sharing ` +
      '40 cars and 40 drivers) and injects the fault once 60 are accepted and 10 imported. Like Carsys, it resends a push ' +
      `answered 503 after its \`Retry-After\` (${retryAfterSeconds} s in this run), and one the receiver cannot be ` +
      'reached for after a second, until it gets a 2xx. Then it waits for every accepted push to finish, with no ' +
      'one touching anything, and counts.',
    '',
    '- **accepted (2xx)**: pushes answered 202 or 200, after resends; **answered 503, resent**: pushes that got at ' +
      'least one 503 first.',
    '- **in flight at fault**: pushes accepted but not yet finished when the fault was injected.',
    '- **imported**: 2xx pushes whose import ended `imported` with their appointment written by that import.',
    '- **duplicated**: import records or appointments created twice for one DMS number, and cars or parties ' +
      'beyond one per key.',
    '- **lost**: 2xx pushes without a finished import and its appointment.',
    '- **time to recover**: from the moment the fault was healed (new worker or receiver started, database or ' +
      'Temporal back or continued) until every accepted push had finished. Activities retry with backoff up to 30 s ' +
      'and time out after 30 s, which bounds it.',
    '',
    'Each fault also lists the answers given while it lasted (`0 <code>` is no answer at all: the connection was ' +
      'refused or cut), and for hangs and slowness the slowest answer and the open file descriptors (sockets ' +
      'included) and RSS of the receiver and worker, sampled every second: a pile-up of waiting requests or ' +
      'connections shows there. Failed activity attempts are counted from the worker log (the SDK logs each one), ' +
      'with the local activity attempts that outlived their timeout, so a retry storm would show as a large number.',
    '',
    '## The faults',
    '',
    sections.join('\n\n'),
    '',
    '## Found by these faults, and fixed',
    '',
    ...foundAndFixed.map((line) => `- ${line}`),
    '',
    ...soakSection(file),
  ].join('\n');
  // Formatted as the repository formats Markdown, so `prettier --check` passes on the written file.
  writeFileSync(file, await format(text, { ...(await resolveConfig(file)), parser: 'markdown' }));
}
