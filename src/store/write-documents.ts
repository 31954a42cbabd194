import type { WriteOutcome } from '../domain/import-status.js';
import type { MappedPush } from '../domain/mapping/mapped-push.js';
import type { Collections } from './collections.js';
import { documentIds } from './document-ids.js';
import type { SourceStamp, WrittenDocuments } from './documents.js';
import { pushOrderOf } from './push-order.js';
import { refusalReason, writeAppointment } from './write-appointment.js';
import { writeCar } from './write-car.js';
import { writeParties } from './write-parties.js';

export type DocumentsWrite = Readonly<{
  garageId: string;
  push: MappedPush;
  source: SourceStamp;
  keepImportingAfterWorkStarted: boolean;
  now: Date;
}>;

export type DocumentsWritten = Readonly<{ outcome: WriteOutcome; documents: WrittenDocuments | null }>;

/**
 * Writes parties, then the car that points at them, then the appointment that points at the car, so a reader
 * never finds a reference to a document not yet written. A push that is already known to be stale or blocked
 * writes nothing; the appointment's own guarded write settles any race.
 */
export async function writeDocuments(collections: Collections, write: DocumentsWrite): Promise<DocumentsWritten> {
  const { garageId, push, source, now } = write;
  const appointmentId = documentIds.appointment(garageId, push.dmsNumber);
  const blocked = await refusalReason(collections, appointmentId, pushOrderOf(source));
  if (blocked !== null && (blocked === 'skipped_stale' || !write.keepImportingAfterWorkStarted)) {
    return { outcome: blocked, documents: null };
  }

  if (push.event === 'appointment.cancel') {
    const outcome = await writeAppointment(collections, { ...write, carId: null });
    return { outcome, documents: outcome === 'imported' ? { appointmentId, carId: null, partyIds: [] } : null };
  }
  const partyIds = await writeParties(collections, garageId, push.parties, source, now);
  const carId = await writeCar(collections, garageId, push.car, partyIds, source, now);
  const outcome = await writeAppointment(collections, { ...write, carId });
  return {
    outcome,
    documents: outcome === 'imported' ? { appointmentId, carId, partyIds: [...partyIds.values()] } : null,
  };
}
