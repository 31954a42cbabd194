import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { signPush } from '../../src/receiver/authenticate-push.js';
import type { GarageConfig } from '../../src/config.js';

/** How one push fared: its final answer after every resend. */
export type PushOutcome = {
  dmsNumber: string;
  importId: string | null;
  finalStatus: number | null;
  answers503: number;
  connectionErrors: number;
  otherAnswers: string[];
  /** When the push was first sent, and how long the attempt that got the 2xx took (null: no 2xx). */
  firstSentAt: number | null;
  acceptMs: number | null;
};

/** Every answer the receiver gave during the burst, with its time, to see what it said while a service was down. */
/** `status` 0 is no answer at all (refused, reset, timed out); then `code` is the network error's code. */
export type AnswerEvent = Readonly<{
  at: number;
  status: number;
  code: string | null;
  retryAfter: string | null;
  /** From sending the request to its answer (or its failure). */
  tookMs: number;
}>;

function networkErrorCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'no_answer';
}

export type BurstOptions = Readonly<{
  url: string;
  garage: GarageConfig;
  /** Prefix of the DMS numbers, so every push of the run is distinct. */
  prefix: string;
  count: number;
  /** Distinct cars (and drivers) the appointments share. */
  cars: number;
  concurrency: number;
  /** First attempts spread evenly at this rate, so a fault strikes while pushes are still coming in. */
  perSecond: number;
  /** Gives up resending after this long. */
  deadlineMs: number;
  /** Builds push `index` when a fault needs other pushes than distinct appointments (versions, cancels, lease cars). */
  makePush?: (index: number) => Readonly<{ dmsNumber: string; body: string }>;
}>;

/** A distinct appointment.upsert; appointments share cars and drivers, as a garage's regular customers do. */
function pushBody(options: BurstOptions, index: number): string {
  const car = index % options.cars;
  return JSON.stringify({
    messageId: randomUUID(),
    event: 'appointment.upsert',
    sentAt: new Date().toISOString(),
    appointment: {
      dmsNumber: `${options.prefix}-${index}`,
      woNumber: `WO-${options.prefix}-${index}`,
      appointmentDate: '01-12-2026 08:30',
      interventions: [{ title: 'Grote beurt', prices: { exclVat: '239,26' } }],
    },
    car: { vin: `WVWZZZ1KZAW${String(car).padStart(6, '0')}`, make: 'Volkswagen', driverId: `C-${car}` },
    parties: [{ id: `C-${car}`, lastName: `Klant ${car}` }],
  });
}

/**
 * Sends like Carsys: each push signed afresh at every attempt, resent after `Retry-After` when answered 503 (or
 * 429), and after a second when the receiver cannot be reached, until a 2xx or the deadline.
 */
export function startBurst(options: BurstOptions) {
  const events: AnswerEvent[] = [];
  const outcomes: PushOutcome[] = [];
  let accepted = 0;
  let inFlight = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const startedAt = Date.now();
  const deadline = startedAt + options.deadlineMs;

  function noteAccepted(): void {
    accepted++;
    for (const waiter of waiters.filter((candidate) => candidate.count <= accepted)) waiter.resolve();
  }

  async function sendOne(index: number): Promise<PushOutcome> {
    const { dmsNumber, body } = options.makePush?.(index) ?? {
      dmsNumber: `${options.prefix}-${index}`,
      body: pushBody(options, index),
    };
    const outcome: PushOutcome = {
      dmsNumber,
      importId: null,
      finalStatus: null,
      answers503: 0,
      connectionErrors: 0,
      otherAnswers: [],
      firstSentAt: null,
      acceptMs: null,
    };
    await sleep(Math.max(0, startedAt + (index * 1000) / options.perSecond - Date.now()));
    while (Date.now() < deadline) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const sentAt = Date.now();
      outcome.firstSentAt ??= sentAt;
      let response: Response;
      inFlight++;
      try {
        response = await fetch(`${options.url}/carsys/v1/pushes`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Carsys-Garage-Id': options.garage.id,
            'X-Carsys-Timestamp': timestamp,
            'X-Carsys-Signature': signPush(options.garage.secrets[0] ?? '', timestamp, Buffer.from(body)),
          },
          body,
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        inFlight--;
        events.push({
          at: Date.now(),
          status: 0,
          code: networkErrorCode(error),
          retryAfter: null,
          tookMs: Date.now() - sentAt,
        });
        outcome.connectionErrors++;
        await sleep(1_000);
        continue;
      }
      const json = (await response.json().catch(() => ({}))) as { importId?: string; error?: { code?: string } };
      inFlight--;
      const retryAfter = response.headers.get('Retry-After');
      events.push({
        at: Date.now(),
        status: response.status,
        code: json.error?.code ?? null,
        retryAfter,
        tookMs: Date.now() - sentAt,
      });
      if (response.status === 202 || response.status === 200) {
        outcome.finalStatus = response.status;
        outcome.importId = json.importId ?? null;
        outcome.acceptMs = Date.now() - sentAt;
        noteAccepted();
        return outcome;
      }
      if (response.status === 503 || response.status === 429) {
        if (response.status === 503) outcome.answers503++;
        await sleep(Number(retryAfter ?? '1') * 1000);
        continue;
      }
      outcome.otherAnswers.push(`${response.status} ${json.error?.code ?? ''}`);
      return outcome;
    }
    return outcome;
  }

  async function lane(next: () => number | undefined): Promise<void> {
    for (let index = next(); index !== undefined; index = next()) outcomes.push(await sendOne(index));
  }

  let nextIndex = 0;
  const take = () => (nextIndex < options.count ? nextIndex++ : undefined);
  const done = Promise.all(Array.from({ length: options.concurrency }, () => lane(take))).then(() => outcomes);

  return {
    done,
    events,
    accepted: () => accepted,
    /** Requests sent and not yet answered. */
    inFlight: () => inFlight,
    /** Resolves once this many pushes have had their 2xx. */
    whenAccepted: (count: number) =>
      new Promise<void>((resolve) => {
        if (accepted >= count) resolve();
        else waiters.push({ count, resolve });
      }),
  };
}
export type Burst = ReturnType<typeof startBurst>;
