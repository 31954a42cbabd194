import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { comparePushOrder, orderingTime, type PushOrder } from '../../src/domain/ordering.js';
import type { Collections } from '../../src/store/collections.js';
import type { SourceStamp } from '../../src/store/documents.js';
import type { Audit } from './audit.js';
import type { PushOutcome } from './carsys-burst.js';
import type { Child, Children } from './children.js';
import { faultGarage } from './fault-setup.js';
import type { Processes } from './hang-faults.js';
import type { FaultSpec } from './run-fault.js';
import { halfWritten } from './whole-documents.js';

const pushes = 300;
const appointments = 60;
const cars = 12;
const leaseCompanies = 3;
/** Long enough for a worker started from the sources to bundle its workflows and poll. */
const secondWorkerStartMs = 25_000;

export const twoWorkersGarage = faultGarage('two-workers');

// Push i is version floor(i / 60) of appointment i % 60, whose car (and driver) is one of 12 and whose lease company
// (owner and contractor of the car) one of 3, so every lease company is on a third of all pushes. The `sentAt` of
// neighbouring pushes is swapped (i XOR 5 within blocks of 8), so versions also arrive out of their order.
const baseSentAt = Date.parse('2026-12-01T08:00:00Z');
const sentAtOf = (index: number) => new Date(baseSentAt + (index ^ 5) * 1000);
const carOf = (index: number) => (index % appointments) % cars;
const leaseOf = (index: number) => carOf(index) % leaseCompanies;
const vinOf = (car: number) => `WVWZZZ1KZBW${String(car).padStart(6, '0')}`;
const dmsNumberOf = (index: number) => `two-workers-${index % appointments}`;

function makePush(index: number): { dmsNumber: string; body: string } {
  const car = carOf(index);
  const lease = `L-${leaseOf(index)}`;
  const body = JSON.stringify({
    messageId: randomUUID(),
    event: 'appointment.upsert',
    sentAt: sentAtOf(index).toISOString(),
    appointment: {
      dmsNumber: dmsNumberOf(index),
      woNumber: `WO-two-workers-${index}`,
      appointmentDate: '02-12-2026 09:00',
      interventions: [{ title: `Beurt versie ${Math.floor(index / appointments)}`, prices: { exclVat: '120,00' } }],
    },
    car: { vin: vinOf(car), make: 'Volkswagen', driverId: `D-${car}`, ownerId: lease, contractorId: lease },
    parties: [
      { id: `D-${car}`, lastName: `Berijder ${car} (${index})` },
      { id: lease, company: `Lease ${lease} B.V. (${index})` },
    ],
  });
  return { dmsNumber: dmsNumberOf(index), body };
}

type Version = Readonly<{ index: number; order: PushOrder }>;

const orderOf = (source: SourceStamp): PushOrder => ({
  orderedAt: source.orderedAt ?? orderingTime(source.sentAt, source.receivedAt).at,
  receivedAt: source.receivedAt,
  importId: source.importId,
});

const indexOfWoNumber = (woNumber: string | null) => Number(/-(\d+)$/.exec(woNumber ?? '')?.[1] ?? Number.NaN);

/**
 * Every appointment, car and party must hold the newest version (docs/ordering.md) among the imported pushes that
 * describe it: an imported push wrote its parties, car and appointment, so a document holding an older one means an
 * older push won a race.
 */
async function newestWins(collections: Collections) {
  const garageId = twoWorkersGarage.id;
  const records = await collections.imports
    .find({ garageId }, { projection: { _id: 1, status: 1, receivedAt: 1, sentAt: 1, woNumber: 1 } })
    .toArray();
  const indexOf = new Map(records.map((record) => [record._id, indexOfWoNumber(record.woNumber)]));
  const newest = new Map<string, Version>();
  const consider = (key: string, version: Version) => {
    const held = newest.get(key);
    if (held === undefined || comparePushOrder(version.order, held.order) > 0) newest.set(key, version);
  };
  for (const record of records) {
    const index = indexOfWoNumber(record.woNumber);
    if (record.status !== 'imported' || record.sentAt === null || Number.isNaN(index)) continue;
    const orderedAt = orderingTime(record.sentAt, record.receivedAt).at;
    const version = { index, order: { orderedAt, receivedAt: record.receivedAt, importId: record._id } };
    consider(`appointment ${dmsNumberOf(index)}`, version);
    consider(`car ${vinOf(carOf(index))}`, version);
    consider(`party D-${carOf(index)}`, version);
    consider(`party L-${leaseOf(index)}`, version);
  }
  const stored = new Map<string, SourceStamp>();
  for (const doc of await collections.appointments.find({ garageId }).toArray()) {
    stored.set(`appointment ${doc.dmsNumber}`, doc.source);
  }
  for (const doc of await collections.cars.find({ garageId }).toArray()) stored.set(`car ${doc.vin}`, doc.source);
  for (const doc of await collections.parties.find({ garageId }).toArray()) {
    stored.set(`party ${doc.dmsPartyId}`, doc.source);
  }
  const older: string[] = [];
  for (const [key, want] of newest) {
    const held = stored.get(key);
    if (held === undefined) older.push(`${key} is missing`);
    else if (comparePushOrder(orderOf(held), want.order) < 0) {
      older.push(
        `${key} holds push ${indexOf.get(held.importId) ?? held.importId}, older than imported push ${want.index}`,
      );
    }
  }
  return { checked: newest.size, older };
}

function extras(keys: readonly string[]): number {
  return keys.length - new Set(keys).size;
}

/** Lost: a 2xx push whose import did not end imported or skipped as stale. Duplicated: documents beyond one per key. */
async function auditVersions(collections: Collections, outcomes: readonly PushOutcome[]): Promise<Audit> {
  const garageId = twoWorkersGarage.id;
  const records = await collections.imports.find({ garageId }, { projection: { _id: 1, status: 1 } }).toArray();
  const statusOf = new Map(records.map((record) => [record._id, record.status]));
  const problems: string[] = [];
  let imported = 0;
  let lost = 0;
  for (const outcome of outcomes) {
    if (outcome.importId === null) {
      problems.push(`${outcome.dmsNumber} never got a 2xx (${outcome.otherAnswers.join(', ') || 'deadline'})`);
      continue;
    }
    const status = statusOf.get(outcome.importId);
    if (status === 'imported' || status === 'skipped_stale') imported++;
    else {
      lost++;
      problems.push(`${outcome.dmsNumber} (${outcome.importId}): import ${status ?? 'missing'}`);
    }
  }
  const appointmentKeys = (await collections.appointments.find({ garageId }).toArray()).map((doc) => doc.dmsNumber);
  const carKeys = (await collections.cars.find({ garageId }).toArray()).map((doc) => doc.carKey);
  const partyKeys = (await collections.parties.find({ garageId }).toArray()).map((doc) => doc.dmsPartyId);
  const duplicated =
    extras(appointmentKeys) +
    Math.max(0, new Set(appointmentKeys).size - appointments) +
    extras(carKeys) +
    Math.max(0, new Set(carKeys).size - cars) +
    extras(partyKeys) +
    Math.max(0, new Set(partyKeys).size - cars - leaseCompanies);
  return { imported, duplicated, lost, problems };
}

/** Two worker processes import pushes that share cars and lease companies; one is killed in the middle. */
export function twoWorkersSpec(children: Children, processes: Processes, collections: Collections): FaultSpec {
  let second: Child | undefined;
  return {
    name: 'two-workers',
    proves:
      'Two worker processes share the task queue; when one is killed with SIGKILL, Temporal hands its tasks to the other after their 30 s timeout, and newest-wins (docs/ordering.md) still holds on every appointment, car and party, each checked against every imported push that describes it.',
    how: `a second worker process, then a burst of ${pushes} pushes (20 a second): ${pushes / appointments} versions each of ${appointments} appointments, sharing ${cars} cars and drivers and ${leaseCompanies} lease companies (owner and contractor), neighbouring versions sent out of order; SIGKILL of the first worker in the middle, the second one left to finish alone`,
    garage: twoWorkersGarage,
    // One worker left on a loaded machine takes minutes for the backlog the killed one left.
    burst: { perSecond: 20, count: pushes, makePush, settleDeadlineMs: 600_000 },
    async setUp() {
      second = children.startWorker('worker-two');
      await sleep(secondWorkerStartMs);
      if (second.process.exitCode !== null) throw new Error('the second worker exited at start; see its log');
    },
    async inject() {
      const killed = processes.worker.current;
      await children.kill(killed);
      if (second === undefined) throw new Error('no second worker');
      // The survivor is the run's worker from now on, for the faults that follow.
      processes.worker.current = second;
      return {
        healedAt: Date.now(),
        notes: [`killed ${killed.name} with SIGKILL while ${second.name} kept running; no new worker was started`],
      };
    },
    audit: (outcomes) => auditVersions(collections, outcomes),
    async check() {
      const { checked, older } = await newestWins(collections);
      const statuses = await collections.imports
        .aggregate<{ _id: string; n: number }>([
          { $match: { garageId: twoWorkersGarage.id } },
          { $group: { _id: '$status', n: { $sum: 1 } } },
        ])
        .toArray();
      const half = await halfWritten(collections, twoWorkersGarage.id);
      return {
        notes: [
          `imports by outcome: ${statuses.map((status) => `${status.n} ${status._id}`).join(', ')} (a version that arrived after a newer one is skipped as stale)`,
          `newest-wins checked on ${checked} documents (${appointments} appointments, ${cars} cars, ${cars + leaseCompanies} parties): ${older.length} hold an older version`,
          `half-written documents or import records: ${half.length}`,
        ],
        problems: [...older.map((line) => `newest-wins broken: ${line}`), ...half],
      };
    },
  };
}
