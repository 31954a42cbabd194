import { setTimeout as sleep } from 'node:timers/promises';
import { startService, stopService } from '../dev-services/index.js';
import type { GarageConfig } from '../../src/config.js';
import type { Child, Children } from './children.js';
import { faultGarage, ports, serviceOptions } from './fault-setup.js';
import { answersBetween, describeAnswers, readiness, type FaultSpec } from './run-fault.js';

const databaseDownMs = 30_000;
const temporalDownMs = 20_000;

type FaultName = 'worker-killed' | 'database-down' | 'temporal-down' | 'temporal-restarted';

/** The garage of the push that checks the pipeline works before the first fault. */
export const warmUpGarage = faultGarage('warm-up');

/** One garage per fault, registered with the receiver and worker before the run starts. */
export const faultGarages: Readonly<Record<FaultName, GarageConfig>> = {
  'worker-killed': faultGarage('worker-killed'),
  'database-down': faultGarage('database-down'),
  'temporal-down': faultGarage('temporal-down'),
  'temporal-restarted': faultGarage('temporal-restarted'),
};

/** The four faults, in the order they run; each uses a garage of its own. */
export function faultSpecs(children: Children, worker: { current: Child }, receiverUrl: string): FaultSpec[] {
  return [
    {
      name: 'worker-killed',
      proves:
        "Temporal hands the killed worker's tasks to the next worker; a step cut off in the middle runs again, and its guarded writes make the repeat harmless.",
      how: 'SIGKILL (`kill -9`) of the only worker process in the middle of the burst; a new worker process 5 s later',
      garage: faultGarages['worker-killed'],
      async inject() {
        await children.kill(worker.current);
        await sleep(5_000);
        worker.current = children.startWorker('worker-2');
        return { healedAt: Date.now(), notes: ['killed worker-1 with SIGKILL; started worker-2 5 s later'] };
      },
    },
    {
      name: 'database-down',
      proves:
        'The receiver never asks the database before answering (product rule 1): every authentic push is accepted while the database is down (no 503), the imports wait in their retries and land once it is back, each once.',
      how: `FerretDB stopped (SIGTERM) in the middle of the burst, started again ${databaseDownMs / 1000} s later`,
      garage: faultGarages['database-down'],
      async inject(burst) {
        await stopService('ferretdb', { progress: serviceOptions.progress });
        const downAt = Date.now();
        await sleep(databaseDownMs);
        const ready = await readiness(receiverUrl);
        await startService('ferretdb', serviceOptions);
        const healedAt = Date.now();
        return {
          healedAt,
          notes: [
            `answers while the database was down: ${describeAnswers(answersBetween(burst.events, downAt + 1_000, healedAt))}`,
            `/readyz while it was down: ${ready}`,
            'worker and receiver were left alone; nobody restarted them',
          ],
        };
      },
    },
    {
      name: 'temporal-down',
      proves:
        'No 2xx without a started workflow (product rule 1): while Temporal is down every push gets 503 with `Retry-After`, and the resends land once.',
      how: `Temporal dev server stopped (SIGTERM) in the middle of the burst, started again on its database file ${temporalDownMs / 1000} s later`,
      garage: faultGarages['temporal-down'],
      async inject(burst) {
        await stopService('temporal', { progress: serviceOptions.progress });
        const downAt = Date.now();
        await sleep(temporalDownMs / 2);
        const ready = await readiness(receiverUrl);
        await sleep(temporalDownMs / 2);
        const downUntil = Date.now();
        await startService('temporal', serviceOptions);
        const during = answersBetween(burst.events, downAt + 1_000, downUntil);
        const accepted = [...during].filter(([answer]) => /^20[02]/.test(answer)).reduce((sum, [, n]) => sum + n, 0);
        const retryAfter = burst.events.find((event) => event.status === 503 && event.at > downAt)?.retryAfter;
        return {
          healedAt: Date.now(),
          notes: [
            `answers while Temporal was down: ${describeAnswers(during)}; 2xx among them: ${accepted}`,
            `Retry-After on those 503s: ${retryAfter ?? 'missing'} s`,
            `/readyz while it was down: ${ready}`,
          ],
        };
      },
    },
    {
      name: 'temporal-restarted',
      proves: 'Receiver and worker reconnect to a restarted Temporal on their own; nothing in flight is lost.',
      how: `Temporal dev server stopped and started at once on the same --db-filename (port ${ports.temporal}) in the middle of the burst`,
      garage: faultGarages['temporal-restarted'],
      async inject(burst) {
        const stopAt = Date.now();
        await stopService('temporal', { progress: serviceOptions.progress });
        await startService('temporal', serviceOptions);
        const healedAt = Date.now();
        return {
          healedAt,
          notes: [
            `Temporal was away for ${((healedAt - stopAt) / 1000).toFixed(1)} s`,
            `answers meanwhile: ${describeAnswers(answersBetween(burst.events, stopAt, healedAt))}`,
          ],
        };
      },
    },
  ];
}
