import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GarageConfig } from '../../src/config.js';
import { signPush } from '../../src/receiver/authenticate-push.js';

/** What a push of the soak is, as real traffic mixes them. */
export type PushKind = 'new' | 'update' | 'resend' | 'cancel' | 'invalid' | 'bad-signature';

/** How one push fared: its answer and how long it took, and the import it started (null: none). */
export type SentPush = {
  kind: PushKind;
  sentAt: number;
  status: number;
  code: string | null;
  acceptMs: number;
  importId: string | null;
};

// Shares of a garage's day, roughly: most pushes are edits of open work orders and new ones; a few are resends of a
// push whose answer Carsys missed, cancels, pushes that break the contract, and (rarely) a misconfigured signature.
const mix: readonly (readonly [PushKind, number])[] = [
  ['new', 0.4],
  ['update', 0.38],
  ['resend', 0.1],
  ['cancel', 0.06],
  ['invalid', 0.04],
  ['bad-signature', 0.02],
];

const cars = 400;
const leaseCompanies = 6;
/** Open work orders that updates and cancels pick from; older ones are closed, as a workshop finishes them. */
const openWorkOrders = 300;

function pick(random: () => number): PushKind {
  let roll = random();
  for (const [kind, share] of mix) {
    roll -= share;
    if (roll < 0) return kind;
  }
  return 'new';
}

/** A small seeded generator (mulberry32), so two soaks send the same mix. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sends a steady stream of mixed, signed pushes to the receiver and records every answer. */
export function startTraffic(options: Readonly<{ url: string; garage: GarageConfig; perSecond: number }>) {
  const random = seeded(15);
  const sent: SentPush[] = [];
  const open: { dmsNumber: string; car: number; version: number }[] = [];
  const bodies: string[] = [];
  let next = 0;
  let stopped = false;
  const inFlight = new Set<Promise<void>>();

  function appointmentBody(dmsNumber: string, car: number, version: number, appointmentDate: string): string {
    const lease = car % 3 === 0 ? `L-${car % leaseCompanies}` : null;
    return JSON.stringify({
      messageId: randomUUID(),
      event: 'appointment.upsert',
      sentAt: new Date().toISOString(),
      appointment: {
        dmsNumber,
        woNumber: `WO-${dmsNumber}`,
        appointmentDate,
        interventions: [
          { title: 'Kleine beurt', prices: { exclVat: `${100 + version},50` } },
          ...(version > 0 ? [{ title: `Extra werk ${version}`, prices: { exclVat: '45,00' } }] : []),
        ],
      },
      car: {
        vin: `WVWZZZ1KZCW${String(car).padStart(6, '0')}`,
        make: 'Volkswagen',
        registrationNumber: `${String(car).padStart(2, '0').slice(-2)}-SK-${String(car % 100).padStart(2, '0')}`,
        driverId: `D-${car}`,
        ...(lease === null ? { ownerId: `D-${car}` } : { ownerId: lease, contractorId: lease }),
      },
      parties: [
        { id: `D-${car}`, lastName: `Klant ${car}`, mobilePrivate: '06 12345678' },
        ...(lease === null ? [] : [{ id: lease, company: `Leasemaatschappij ${lease} B.V.` }]),
      ],
    });
  }

  function bodyFor(kind: PushKind): string {
    if (kind === 'resend' && bodies.length > 0) return bodies[Math.floor(random() * bodies.length)] ?? '';
    if ((kind === 'update' || kind === 'cancel') && open.length > 0) {
      const index = Math.floor(random() * open.length);
      const order = open[index];
      if (order !== undefined) {
        if (kind === 'cancel') {
          open.splice(index, 1);
          return JSON.stringify({
            messageId: randomUUID(),
            event: 'appointment.cancel',
            sentAt: new Date().toISOString(),
            appointment: { dmsNumber: order.dmsNumber, woNumber: `WO-${order.dmsNumber}` },
          });
        }
        order.version++;
        return appointmentBody(order.dmsNumber, order.car, order.version, '15-12-2026 10:00');
      }
    }
    const dmsNumber = `soak-${Date.now().toString(36)}-${next}`;
    // 31 February: the receiver accepts it (the envelope is sound), the import fails it with the field named.
    if (kind === 'invalid') return appointmentBody(dmsNumber, next % cars, 0, '31-02-2027 09:00');
    const car = Math.floor(random() * cars);
    open.push({ dmsNumber, car, version: 0 });
    if (open.length > openWorkOrders) open.shift();
    return appointmentBody(dmsNumber, car, 0, '14-12-2026 08:30');
  }

  async function send(kind: PushKind): Promise<void> {
    const body = bodyFor(kind);
    if (kind === 'new' || kind === 'update') bodies.push(body);
    if (bodies.length > 1000) bodies.shift();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const secret = kind === 'bad-signature' ? 'not-the-garage-secret' : (options.garage.secrets[0] ?? '');
    const sentAt = Date.now();
    const record: SentPush = { kind, sentAt, status: 0, code: null, acceptMs: 0, importId: null };
    try {
      const response = await fetch(`${options.url}/carsys/v1/pushes`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Carsys-Garage-Id': options.garage.id,
          'X-Carsys-Timestamp': timestamp,
          'X-Carsys-Signature': signPush(secret, timestamp, Buffer.from(body)),
        },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const json = (await response.json().catch(() => ({}))) as { importId?: string; error?: { code?: string } };
      record.status = response.status;
      record.code = json.error?.code ?? null;
      record.importId = response.status === 202 ? (json.importId ?? null) : null;
    } catch (error) {
      record.code = error instanceof Error ? error.name : 'no_answer';
    }
    record.acceptMs = Date.now() - sentAt;
    sent.push(record);
  }

  const done = (async () => {
    const startedAt = Date.now();
    for (let index = 0; !stopped; index++) {
      await sleep(Math.max(0, startedAt + (index * 1000) / options.perSecond - Date.now()));
      if (stopped) break;
      next = index;
      const pending = send(pick(random));
      inFlight.add(pending);
      void pending.finally(() => inFlight.delete(pending));
    }
    await Promise.all(inFlight);
  })();

  return {
    sent,
    /** Stops sending and resolves once every request has its answer. */
    async stop(): Promise<void> {
      stopped = true;
      await done;
    },
  };
}
