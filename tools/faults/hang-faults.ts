import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { serviceFiles, type ServiceName } from '../dev-services/index.js';
import type { AnswerEvent, Burst } from './carsys-burst.js';
import type { Child, Children } from './children.js';
import { faultGarage } from './fault-setup.js';
import { sampleProcesses } from './process-sampler.js';
import { answersBetween, describeAnswers, readiness, type FaultSpec } from './run-fault.js';

const hangMs = 60_000;
const slowForMs = 120_000;
/** Each cycle of the slow database: stopped this long, then running this long (it runs 30 % of the time). */
const slowStoppedMs = 700;
const slowRunningMs = 300;
const receiverDownMs = 2_000;
const killWithInFlight = 8;

export const hangFaultGarages = {
  'database-hung': faultGarage('database-hung'),
  'temporal-hung': faultGarage('temporal-hung'),
  'database-slow': faultGarage('database-slow'),
  'receiver-killed': faultGarage('receiver-killed'),
} as const;

export function servicePid(name: ServiceName): number {
  const pid = Number(readFileSync(serviceFiles(name).pid, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no pid for ${name} in ${serviceFiles(name).pid}`);
  return pid;
}

function slowest(events: readonly AnswerEvent[], from: number, to: number): string {
  const during = events.filter((event) => event.at >= from && event.at <= to);
  if (during.length === 0) return 'no answers';
  const longest = Math.max(...during.map((event) => event.tookMs));
  return `${(longest / 1000).toFixed(1)} s`;
}

export type Processes = Readonly<{ worker: { current: Child }; receiver: { current: Child } }>;

export function sampleOurProcesses(processes: Processes) {
  return sampleProcesses({
    receiver: () => processes.receiver.current.process.pid,
    worker: () => processes.worker.current.process.pid,
  });
}

/** Stops a service's process with SIGSTOP (it hangs: connections stay open, nothing answers), then continues it. */
async function hang(
  name: ServiceName,
  burst: Burst,
  receiverUrl: string,
  processes: Processes,
): Promise<{ healedAt: number; notes: string[] }> {
  const pid = servicePid(name);
  const sampler = sampleOurProcesses(processes);
  const from = Date.now();
  process.kill(pid, 'SIGSTOP');
  let ready: string;
  try {
    await sleep(hangMs / 2);
    const asked = Date.now();
    ready = await readiness(receiverUrl);
    ready += `, answered in ${((Date.now() - asked) / 1000).toFixed(1)} s`;
    await sleep(hangMs / 2);
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  const healedAt = Date.now();
  return {
    healedAt,
    notes: [
      `answers while it hung: ${describeAnswers(answersBetween(burst.events, from + 1_000, healedAt))}`,
      `slowest answer while it hung: ${slowest(burst.events, from, healedAt)} (the receiver's deadline is 8 s)`,
      `/readyz while it hung: ${ready}`,
      ...sampler.stop(),
    ],
  };
}

/** Hangs, slowness and a killed receiver: the faults production has on its worst days, beyond clean crashes. */
export function hangFaultSpecs(children: Children, processes: Processes, receiverUrl: string): FaultSpec[] {
  return [
    {
      name: 'database-hung',
      proves:
        'A database that accepts connections and answers nothing holds nobody: the receiver does not wait for it (pushes answered 202 at normal speed, `/readyz` in 2 s), every round trip, handshake and server selection of the worker is bounded (20, 10 and 15 s), so each attempt ends by itself (a few outlive their 30 s activity timeout, counted below) and nothing piles up (descriptors and RSS stay flat); the imports resume by themselves when it continues.',
      how: `FerretDB frozen with SIGSTOP in the middle of the burst (connections stay open, nothing answers), SIGCONT ${hangMs / 1000} s later`,
      garage: hangFaultGarages['database-hung'],
      inject: (burst) => hang('ferretdb', burst, receiverUrl, processes),
    },
    {
      name: 'temporal-hung',
      proves:
        "A hung Temporal gets each push a 503 within the start's 5 s deadline (the route's backstop is 8 s), never a hung request or a 2xx; the receiver's open sockets stay bounded, and the resends land once when Temporal continues.",
      how: `Temporal dev server frozen with SIGSTOP in the middle of the burst, SIGCONT ${hangMs / 1000} s later`,
      garage: hangFaultGarages['temporal-hung'],
      inject: (burst) => hang('temporal', burst, receiverUrl, processes),
    },
    {
      name: 'database-slow',
      proves:
        'A database working at a fraction of its speed slows the imports without failing them: no attempt fails or outlives its timeout, so there is no retry storm.',
      how:
        `FerretDB slowed for ${slowForMs / 1000} s from the middle of the burst: stopped ${slowStoppedMs} ms, ` +
        `running ${slowRunningMs} ms, over and over (SIGSTOP/SIGCONT), so it works 30 % of the time`,
      garage: hangFaultGarages['database-slow'],
      async inject(burst) {
        const pid = servicePid('ferretdb');
        const sampler = sampleOurProcesses(processes);
        const from = Date.now();
        let cycles = 0;
        try {
          while (Date.now() - from < slowForMs) {
            process.kill(pid, 'SIGSTOP');
            await sleep(slowStoppedMs);
            process.kill(pid, 'SIGCONT');
            await sleep(slowRunningMs);
            cycles++;
          }
        } finally {
          process.kill(pid, 'SIGCONT');
        }
        const healedAt = Date.now();
        return {
          healedAt,
          notes: [
            `${cycles} stop/continue cycles`,
            `answers while it was slow: ${describeAnswers(answersBetween(burst.events, from, healedAt))}`,
            `slowest answer while it was slow: ${slowest(burst.events, from, healedAt)}`,
            ...sampler.stop(),
          ],
        };
      },
    },
    {
      name: 'receiver-killed',
      proves:
        'A push whose answer was cut off by the kill is resent like any failed request; when its workflow had already started, the resend is answered 200 duplicate and imports nothing again.',
      how: `SIGKILL of the receiver process with requests in flight (burst at 100 pushes/s, killed once 60 are accepted and 8 requests are open), a new receiver ${receiverDownMs / 1000} s later`,
      garage: hangFaultGarages['receiver-killed'],
      burst: { perSecond: 100, strikeBeforeImports: true },
      async inject(burst) {
        // Kill while the receiver holds several requests (each takes tens of milliseconds), up to 10 s of waiting.
        const waitUntil = Date.now() + 10_000;
        while (burst.inFlight() < killWithInFlight && Date.now() < waitUntil) await sleep(1);
        const inFlightAtKill = burst.inFlight();
        const killedAt = Date.now();
        await children.kill(processes.receiver.current);
        await sleep(receiverDownMs);
        processes.receiver.current = await children.startReceiver(receiverUrl);
        const healedAt = Date.now();
        const cut = burst.events.filter(
          (event) => event.status === 0 && event.at >= killedAt && event.at <= killedAt + 1_000,
        );
        const reset = cut.filter((event) => event.code !== 'ECONNREFUSED').length;
        return {
          healedAt,
          notes: [
            `requests open when the SIGKILL was sent: ${inFlightAtKill}; cut off in flight by the kill: ${reset}; refused while no receiver listened: ${cut.length - reset} in the first second`,
            `answers until the new receiver listened: ${describeAnswers(answersBetween(burst.events, killedAt, healedAt))}`,
            `new receiver answering /healthz ${((healedAt - killedAt) / 1000).toFixed(1)} s after the kill`,
          ],
        };
      },
    },
  ];
}
