import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { Collections } from '../../src/store/collections.js';
import type { PushOutcome } from './carsys-burst.js';

export type Audit = Readonly<{ imported: number; duplicated: number; lost: number; problems: string[] }>;

function extras(keys: readonly string[]): number {
  return keys.length - new Set(keys).size;
}

/** Polls until every accepted push's import has left `accepted`; returns when that happened, or null at the deadline. */
export async function waitUntilSettled(
  collections: Collections,
  garageId: string,
  accepted: number,
  deadline: number,
): Promise<number | null> {
  while (Date.now() < deadline) {
    const finished = await collections.imports
      .countDocuments({ garageId, status: { $ne: 'accepted' } })
      .catch(() => -1);
    if (finished >= accepted) return Date.now();
    await sleep(500);
  }
  return null;
}

/**
 * Counts what a fault did to the garage's data: imports and documents created twice (duplicated), and pushes
 * answered 2xx that have no finished import with its appointment (lost).
 */
export async function auditFault(
  collections: Collections,
  garageId: string,
  outcomes: readonly PushOutcome[],
  cars: number,
): Promise<Audit> {
  const problems: string[] = [];
  const projection = { projection: { _id: 1, dmsNumber: 1, status: 1 } };
  const records = await collections.imports.find({ garageId }, projection).toArray();
  const appointments = await collections.appointments
    .find({ garageId }, { projection: { dmsNumber: 1, source: 1 } })
    .toArray();
  const carKeys = (await collections.cars.find({ garageId }, { projection: { carKey: 1 } }).toArray()).map(
    (c) => c.carKey,
  );
  const partyIds = (await collections.parties.find({ garageId }, { projection: { dmsPartyId: 1 } }).toArray()).map(
    (p) => p.dmsPartyId,
  );

  const duplicated =
    extras(records.map((record) => record.dmsNumber)) +
    extras(appointments.map((appointment) => appointment.dmsNumber)) +
    extras(carKeys) +
    Math.max(0, new Set(carKeys).size - cars) +
    extras(partyIds) +
    Math.max(0, new Set(partyIds).size - cars);

  const recordById = new Map(records.map((record) => [record._id, record]));
  const appointmentByDms = new Map(appointments.map((appointment) => [appointment.dmsNumber, appointment]));
  let imported = 0;
  let lost = 0;
  for (const outcome of outcomes) {
    if (outcome.importId === null) {
      problems.push(`${outcome.dmsNumber} never got a 2xx (${outcome.otherAnswers.join(', ') || 'deadline'})`);
      continue;
    }
    const record = recordById.get(outcome.importId);
    const appointment = appointmentByDms.get(outcome.dmsNumber);
    if (record?.status === 'imported' && appointment?.source.importId === outcome.importId) {
      imported++;
    } else {
      lost++;
      problems.push(`${outcome.dmsNumber}: answered ${outcome.finalStatus}, import ${record?.status ?? 'missing'}`);
    }
  }
  const answered = new Set(outcomes.map((outcome) => outcome.importId));
  const unanswered = records.filter((record) => !answered.has(record._id));
  if (unanswered.length > 0) problems.push(`${unanswered.length} imports exist for pushes that never got a 2xx`);
  return { imported, duplicated, lost, problems };
}

/** Asks Temporal how the garage's import workflows ended: none may still run, and each push ran once. */
export async function workflowCounts(
  client: Client,
  garageId: string,
): Promise<Readonly<{ completed: number; running: number; other: number }>> {
  const count = async (status: string) =>
    (await client.workflow.count(`CarsysGarageId = "${garageId}" AND ExecutionStatus = "${status}"`)).count;
  const all = (await client.workflow.count(`CarsysGarageId = "${garageId}"`)).count;
  const completed = await count('Completed');
  const running = await count('Running');
  return { completed, running, other: all - completed - running };
}
