import { Client, Connection } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GarageConfig } from '../../src/config.js';
import type { Collections } from '../../src/store/collections.js';
import { auditFault, waitUntilSettled, workflowCounts, type Audit } from './audit.js';
import { startBurst, type AnswerEvent, type Burst, type BurstOptions, type PushOutcome } from './carsys-burst.js';
import type { Children } from './children.js';
import { ports } from './fault-setup.js';

export const burstSize = 200;
const sharedCars = 40;
const injectAfterAccepted = 60;
/** Some imports finished before the fault, so it strikes a worker in the middle of its work. */
const injectAfterFinished = 10;
const settleDeadlineMs = 240_000;

/** What the injection reports back: when the fault was healed, and what it saw while it lasted. */
export type Injection = Readonly<{ healedAt: number; notes: string[] }>;

export type FaultSpec = Readonly<{
  name: string;
  /** How the fault was injected, for the report. */
  how: string;
  /** What surviving it shows, for the report. */
  proves: string;
  garage: GarageConfig;
  /**
   * The burst's pace when this fault needs another than 10 pushes a second; `strikeBeforeImports` injects the fault
   * once 60 pushes are accepted without waiting for 10 imports, while the fast burst is still being sent.
   */
  burst?: Readonly<{
    perSecond: number;
    strikeBeforeImports?: boolean;
    /** Pushes in the burst, when not 200. */
    count?: number;
    makePush?: BurstOptions['makePush'];
    /** How long the pushes may take to finish after the fault is healed, when 240 s is too short. */
    settleDeadlineMs?: number;
  }>;
  /** Prepares what the fault needs before the burst (a small disk, a second worker). */
  setUp?: () => Promise<void>;
  /** Undoes `setUp`, whatever happened in between; runs after the counting. */
  tearDown?: () => Promise<void>;
  inject: (burst: Burst) => Promise<Injection>;
  /** Counts lost and duplicated pushes when the burst is not 200 distinct appointments (versions of one, say). */
  audit?: (outcomes: readonly PushOutcome[]) => Promise<Audit>;
  /** Checks of its own after the pushes have settled, as report lines and problems. */
  check?: (outcomes: readonly PushOutcome[]) => Promise<Readonly<{ notes: string[]; problems: string[] }>>;
}>;

export type FaultResult = Readonly<{
  name: string;
  how: string;
  proves: string;
  sent: number;
  accepted: number;
  resent503: number;
  inFlightAtFault: number;
  imported: number;
  duplicated: number;
  lost: number;
  recoverSeconds: number | null;
  notes: string[];
  problems: string[];
}>;

export function describeAnswers(counts: Map<string, number>): string {
  if (counts.size === 0) return 'none';
  return [...counts].map(([answer, count]) => `${count} × ${answer}`).join(', ');
}

/** What `/readyz` says, bounded, so a hung receiver shows as such instead of hanging the run. */
export async function readiness(receiverUrl: string): Promise<string> {
  try {
    const response = await fetch(`${receiverUrl}/readyz`, { signal: AbortSignal.timeout(15_000) });
    const body = (await response.json()) as { checks?: Record<string, { ok: boolean; reason?: string }> };
    const reasons = Object.entries(body.checks ?? {}).map(
      ([name, check]) => `${name}: ${check.ok ? 'ok' : check.reason}`,
    );
    return `${response.status} (${reasons.join('; ')})`;
  } catch (error) {
    return `no answer (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Counts the answers given between two moments, by status and error code: what the receiver said during a fault. */
export function answersBetween(events: readonly AnswerEvent[], from: number, to: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) {
    if (event.at < from || event.at > to) continue;
    const key = event.code === null ? String(event.status) : `${event.status} ${event.code}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function finalAnswers(outcomes: readonly PushOutcome[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { finalStatus } of outcomes) {
    const key = finalStatus === null ? 'none' : String(finalStatus);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function temporalWorkflows(garageId: string) {
  const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
  try {
    const client = new Client({ connection });
    // Visibility lags a little behind the workflows themselves.
    for (let attempt = 0; ; attempt++) {
      const counts = await workflowCounts(client, garageId);
      // The three counts are asked one after the other: a workflow closing in between shows as `other` once.
      if ((counts.running === 0 && counts.other === 0) || attempt === 20) return counts;
      await sleep(500);
    }
  } finally {
    await connection.close();
  }
}

/** Sends a burst, injects the fault once part of it is accepted, waits for recovery and counts what happened. */
export async function runFault(
  spec: FaultSpec,
  receiverUrl: string,
  collections: Collections,
  children: Children,
): Promise<FaultResult> {
  await spec.setUp?.();
  try {
    return await burstAndCount(spec, receiverUrl, collections, children);
  } finally {
    await spec.tearDown?.();
  }
}

async function burstAndCount(
  spec: FaultSpec,
  receiverUrl: string,
  collections: Collections,
  children: Children,
): Promise<FaultResult> {
  const garageId = spec.garage.id;
  const count = spec.burst?.count ?? burstSize;
  const settleMs = spec.burst?.settleDeadlineMs ?? settleDeadlineMs;
  // Core's own line for a local activity attempt that outlived its timeout; it names no workflow, so count the change.
  const timedOutLine = 'Tried to complete untracked local activity';
  const timedOutBefore = children.logLinesWith(timedOutLine);
  const perSecond = spec.burst?.perSecond ?? 10;
  const burst = startBurst({
    url: receiverUrl,
    garage: spec.garage,
    prefix: spec.name,
    count,
    cars: sharedCars,
    concurrency: 16,
    perSecond,
    // Resends go on while the pushes are still being sent, and for as long as they may take to settle after that.
    deadlineMs: (count / perSecond) * 1000 + settleMs,
    ...(spec.burst?.makePush === undefined ? {} : { makePush: spec.burst.makePush }),
  });
  await burst.whenAccepted(injectAfterAccepted);
  const finishedCount = () => collections.imports.countDocuments({ garageId, status: { $ne: 'accepted' } });
  const waitUntil = Date.now() + 60_000;
  const finishedWanted = spec.burst?.strikeBeforeImports === true ? 0 : injectAfterFinished;
  while ((await finishedCount()) < finishedWanted && Date.now() < waitUntil) await sleep(100);
  const finished = await finishedCount();
  const inFlightAtFault = Math.max(0, burst.accepted() - finished);

  const { healedAt, notes } = await spec.inject(burst);
  const outcomes = await burst.done;
  const accepted = outcomes.filter((outcome) => outcome.importId !== null).length;
  const settledAt = await waitUntilSettled(collections, garageId, accepted, Math.max(Date.now(), healedAt) + settleMs);
  const audit = await (spec.audit ?? ((all) => auditFault(collections, garageId, all, sharedCars)))(outcomes);
  const own = (await spec.check?.(outcomes)) ?? { notes: [], problems: [] };
  const workflows = await temporalWorkflows(garageId);
  const problems = [...audit.problems, ...own.problems];
  if (workflows.running !== 0 || workflows.other !== 0 || workflows.completed !== accepted) {
    problems.push(`Temporal: ${workflows.completed} completed, ${workflows.running} running, ${workflows.other} other`);
  }
  return {
    name: spec.name,
    how: spec.how,
    proves: spec.proves,
    sent: count,
    accepted,
    resent503: outcomes.filter((outcome) => outcome.answers503 > 0).length,
    inFlightAtFault,
    imported: audit.imported,
    duplicated: audit.duplicated,
    lost: audit.lost,
    recoverSeconds: settledAt === null ? null : Math.max(0, (settledAt - healedAt) / 1000),
    notes: [
      ...notes,
      ...own.notes,
      `final answers: ${describeAnswers(finalAnswers(outcomes))} (200 = the push had already been accepted, so an answer was lost or a resend crossed it)`,
      // The SDK logs each failed activity attempt once, local or regular; each import runs five steps that succeed.
      `failed activity attempts (retries): ${children.logLinesWith('Activity failed', `/${garageId}/`)} over ${accepted} imports; local activity attempts that outlived their 30 s timeout: ${children.logLinesWith(timedOutLine) - timedOutBefore}`,
      `workflows in Temporal: ${workflows.completed} completed, ${workflows.running} running`,
    ],
    problems,
  };
}

/** Sends one push and waits for its import, so the worker has bundled its workflows and polls before any fault. */
export async function warmUp(garage: GarageConfig, receiverUrl: string, collections: Collections): Promise<void> {
  const burst = startBurst({
    url: receiverUrl,
    garage,
    prefix: 'warm-up',
    count: 1,
    cars: 1,
    concurrency: 1,
    perSecond: 1,
    deadlineMs: 60_000,
  });
  const [outcome] = await burst.done;
  if (outcome?.importId === null || outcome === undefined) throw new Error('the warm-up push was not accepted');
  if ((await waitUntilSettled(collections, garage.id, 1, Date.now() + 120_000)) === null) {
    throw new Error('the warm-up push was not imported within 120 s: is the worker running?');
  }
}
