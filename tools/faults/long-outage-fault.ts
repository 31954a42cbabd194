import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startService, stopService } from '../dev-services/index.js';
import type { Children } from './children.js';
import { faultGarage, ports, serviceOptions } from './fault-setup.js';
import { sampleOurProcesses, type Processes } from './hang-faults.js';
import { answersBetween, describeAnswers, readiness, type FaultSpec } from './run-fault.js';

/** `FAULT_OUTAGE_SECONDS=120 npm run test:faults -- long-outage` for a shorter run while working on it. */
function outageSeconds(): number {
  const raw = process.env['FAULT_OUTAGE_SECONDS'];
  const seconds = raw === undefined || raw === '' ? 600 : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 10) throw new Error('FAULT_OUTAGE_SECONDS must be a number of 10 or more');
  return seconds;
}

const perSecond = 5;
/** Pushes keep coming this long after the database is back, so the outage sits inside a steady stream. */
const afterOutageS = 30;
/** Before the outage: 60 accepted and 10 imported take about 12 s at 5 a second. */
const beforeOutageS = 15;
const historySampleEveryMs = 60_000;

export const longOutageGarage = faultGarage('long-outage');

type HistoryStats = Readonly<{ workflows: number; maxLength: number; maxWorkflowId: string | null; median: number }>;

async function historyLengths(client: Client, query: string): Promise<HistoryStats> {
  const lengths: { id: string; length: number }[] = [];
  for await (const workflow of client.workflow.list({ query })) {
    lengths.push({ id: workflow.workflowId, length: workflow.historyLength });
  }
  lengths.sort((a, b) => a.length - b.length);
  const max = lengths.at(-1);
  return {
    workflows: lengths.length,
    maxLength: max?.length ?? 0,
    maxWorkflowId: max?.id ?? null,
    median: lengths[Math.floor(lengths.length / 2)]?.length ?? 0,
  };
}

/**
 * The history length of the workflows that have waited longest. Visibility fills in `historyLength` only when a
 * workflow closes, so running ones are described one by one.
 */
async function oldestWaiting(client: Client, query: string, count: number): Promise<string> {
  const running: { id: string; startedAt: number }[] = [];
  for await (const workflow of client.workflow.list({ query })) {
    running.push({ id: workflow.workflowId, startedAt: workflow.startTime.getTime() });
  }
  running.sort((a, b) => a.startedAt - b.startedAt);
  const lengths = await Promise.all(
    running
      .slice(0, count)
      .map(async (workflow) => (await client.workflow.getHandle(workflow.id).describe()).historyLength),
  );
  const waited = running[0] === undefined ? 0 : (Date.now() - running[0].startedAt) / 1000;
  return `${running.length} waiting, the ${lengths.length} oldest (up to ${waited.toFixed(0)} s) at ${lengths.join(', ')} events`;
}

/** Counts a workflow's events by type, to show what a long wait added to its history. */
async function eventsByType(client: Client, workflowId: string): Promise<string> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const counts = new Map<string, number>();
  for (const event of history.events ?? []) {
    const type = (proto.temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? 'unknown').replace(/^EVENT_TYPE_/, '');
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');
}

/**
 * The database down for 10 minutes (FAULT_OUTAGE_SECONDS) under a steady 5 pushes a second: every push must be
 * accepted, every import land afterwards, and the history of a workflow that waited the whole outage stay small.
 */
export function longOutageSpec(children: Children, processes: Processes, receiverUrl: string): FaultSpec {
  const seconds = outageSeconds();
  const pushes = perSecond * (beforeOutageS + seconds + afterOutageS);
  const garageQuery = `CarsysGarageId = "${longOutageGarage.id}"`;
  let connection: Connection | undefined;
  const client = async () => {
    connection ??= await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    return new Client({ connection });
  };
  return {
    name: 'long-outage',
    proves:
      'A long database outage costs nothing but time: the receiver accepts every push meanwhile (no 503), the imports wait in their retries and all land afterwards, and waiting does not grow a workflow history without bound (counted below).',
    how: `FerretDB stopped (SIGTERM) for ${seconds} s under a steady ${perSecond} pushes a second (${pushes} pushes, ${afterOutageS} s of them after it is back), then started again`,
    garage: longOutageGarage,
    burst: { perSecond, count: pushes, settleDeadlineMs: Math.max(600_000, pushes * 400) },
    async inject(burst) {
      const sampler = sampleOurProcesses(processes);
      const temporal = await client();
      await stopService('ferretdb', { progress: serviceOptions.progress });
      const downAt = Date.now();
      const growth: string[] = [];
      let ready = '';
      try {
        while (Date.now() - downAt < seconds * 1000) {
          await sleep(Math.min(historySampleEveryMs, seconds * 1000 - (Date.now() - downAt)));
          const oldest = await oldestWaiting(temporal, `${garageQuery} AND ExecutionStatus = "Running"`, 5);
          growth.push(`${Math.round((Date.now() - downAt) / 1000)} s into the outage: ${oldest}`);
          if (ready === '') ready = await readiness(receiverUrl);
        }
      } finally {
        await startService('ferretdb', serviceOptions);
      }
      const healedAt = Date.now();
      const during = answersBetween(burst.events, downAt + 1_000, healedAt);
      return {
        healedAt,
        notes: [
          `answers while the database was down: ${describeAnswers(during)}`,
          `/readyz while it was down: ${ready}`,
          `history length of the workflows waiting longest, sampled each minute: ${growth.join('; ')}`,
          ...sampler.stop(),
        ],
      };
    },
    async check(outcomes) {
      const temporal = await client();
      try {
        const stats = await historyLengths(temporal, garageQuery);
        const problems: string[] = [];
        const turnedAway = outcomes.filter((outcome) => outcome.answers503 > 0).length;
        if (turnedAway > 0) problems.push(`${turnedAway} pushes were answered 503 at least once`);
        const breakdown = stats.maxWorkflowId === null ? 'none' : await eventsByType(temporal, stats.maxWorkflowId);
        return {
          notes: [
            `history length of the ${stats.workflows} workflows when all had finished: at most ${stats.maxLength} events, median ${stats.median}`,
            `the longest history (${stats.maxWorkflowId ?? 'none'}): ${breakdown}`,
            `attempts logged as failed per step: ${['deduplicatePush', 'upsertDocuments', 'recordOutcome'].map((step) => `${step} ${children.logLinesWith('Activity failed', step, `/${longOutageGarage.id}/`)}`).join(', ')}`,
          ],
          problems,
        };
      } finally {
        await connection?.close();
        connection = undefined;
      }
    },
  };
}
