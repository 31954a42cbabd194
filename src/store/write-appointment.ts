import type { Filter } from 'mongodb';
import { initialAppointmentStatus, workStartedOrLaterStatuses, type WriteOutcome } from '../domain/import-status.js';
import type { MappedPush } from '../domain/mapping/mapped-push.js';
import { supersedes, type PushOrder } from '../domain/ordering.js';
import type { Collections } from './collections.js';
import { documentIds } from './document-ids.js';
import type { AppointmentDocument, SourceStamp } from './documents.js';
import { guardedWrite } from './guarded-write.js';
import { pushOrderOf } from './push-order.js';

export type AppointmentWrite = Readonly<{
  garageId: string;
  push: MappedPush;
  carId: string | null;
  source: SourceStamp;
  keepImportingAfterWorkStarted: boolean;
  now: Date;
}>;

const workNotStarted: Filter<AppointmentDocument> = { status: { $nin: [...workStartedOrLaterStatuses] } };

function dmsFields(write: AppointmentWrite) {
  const { push } = write;
  if (push.event === 'appointment.cancel') {
    return { cancelled: true, ...(push.woNumber === null ? {} : { woNumber: push.woNumber }) };
  }
  const fields = push.appointment;
  return {
    woNumber: fields.woNumber,
    appointmentAt: new Date(fields.appointmentAt),
    createdInDmsAt: fields.createdInDmsAt === null ? null : new Date(fields.createdInDmsAt),
    customerWaiting: fields.customerWaiting,
    interventions: fields.interventions.map((intervention) => ({ ...intervention })),
    warnings: [...fields.warnings],
    ...(write.carId === null ? {} : { carId: write.carId }),
    // A newer upsert after a cancel means the DMS reinstated the appointment.
    cancelled: false,
  };
}

/**
 * Explains why a guarded write left the appointment alone: a newer push already wrote it (stale), or Claire's
 * status says work has started. Stale wins, because a newer version would have been refused anyway.
 */
export async function refusalReason(
  collections: Collections,
  appointmentId: string,
  order: PushOrder,
): Promise<Exclude<WriteOutcome, 'imported'> | null> {
  const stored = await collections.appointments.findOne(
    { _id: appointmentId },
    { projection: { status: 1, source: 1 } },
  );
  if (stored === null) return null;
  if (stored.source.importId === order.importId) return null;
  if (!supersedes(order, pushOrderOf(stored.source))) return 'skipped_stale';
  if ((workStartedOrLaterStatuses as readonly string[]).includes(stored.status)) return 'skipped_work_started';
  return null;
}

/** Writes the appointment's DMS fields if this push may; Claire-owned fields are never touched (rule 4). */
export async function writeAppointment(collections: Collections, write: AppointmentWrite): Promise<WriteOutcome> {
  const { garageId, push, source, now } = write;
  const _id = documentIds.appointment(garageId, push.dmsNumber);
  const fields = dmsFields(write);
  const outcome = await guardedWrite<AppointmentDocument>({
    collection: collections.appointments,
    _id,
    order: pushOrderOf(source),
    ...(write.keepImportingAfterWorkStarted ? {} : { extraGuard: workNotStarted }),
    update: { $set: { ...fields, source, updatedAt: now } },
    insert: () => ({
      _id,
      garageId,
      dmsNumber: push.dmsNumber,
      woNumber: null,
      interventions: [],
      warnings: [],
      ...fields,
      status: initialAppointmentStatus,
      source,
      createdAt: now,
      updatedAt: now,
    }),
  });
  if (outcome === 'written') return 'imported';
  return (await refusalReason(collections, _id, pushOrderOf(source))) ?? 'skipped_stale';
}
