import type { Db } from 'mongodb';
import type { Keyring } from '../crypto/keyring.js';
import { collectionsOf } from './collections.js';
import { documentIds } from './document-ids.js';
import type { AppointmentDocument, ImportDocument } from './documents.js';
import { openText } from './encrypted-text.js';
import { importQueries, importQuery, withoutRawBody, type ImportSummary } from './import-queries.js';
import { refusalsByGarageAndReason, type RefusalCount } from './rejections.js';

/** What the store holds about one appointment a searched number leads to. */
export type StoredAppointment = Readonly<{
  dmsNumber: string;
  imports: ImportSummary[];
  appointment: AppointmentDocument | null;
  /** The import that last wrote the appointment, read separately when the appointment's pushes were capped. */
  writer: ImportSummary | null;
  /** The raw body of the newest failed import, for a dry run; null when there is none or it cannot be opened. */
  newestFailedBody: Readonly<{ importId: string; rawBody: string }> | null;
}>;

export type StoredWorkOrder = Readonly<{
  lastPushAt: Date | null;
  /** Other garages with a push of this number. */
  otherGarages: string[];
  /** By reason, counted by the hour. */
  refusals: Pick<RefusalCount, 'code' | 'status' | 'count' | 'lastAt'>[];
  appointments: StoredAppointment[];
}>;

/** At most this many appointments per answer, and pushes per appointment, so one search stays one page. */
export const evidenceCaps = { appointments: 20, pushesPerAppointment: 200 } as const;

/**
 * The store's side of "where is my work order?": every push of the appointments a WO number, registration or DMS
 * number leads to in one garage, the appointments as they are now, the garage's last push and what was refused.
 */
export function workOrderEvidence(deps: { db: Db; keyring: Keyring }) {
  const collections = collectionsOf(deps.db);
  const { imports, appointments } = collections;

  const byNumber = (number: string) => [{ woNumber: number }, { registration: number }, { dmsNumber: number }];

  async function otherGaragesWith(garageId: string, number: string): Promise<string[]> {
    const found = await Promise.all(
      byNumber(number).map((filter) =>
        imports
          .find({ ...importQuery(filter), garageId: { $ne: garageId } }, { projection: { garageId: 1 } })
          .limit(evidenceCaps.appointments)
          .toArray(),
      ),
    );
    return [...new Set(found.flat().map((doc) => doc.garageId))].sort();
  }

  async function dmsNumbersFor(garageId: string, number: string): Promise<string[]> {
    const filters = byNumber(number).map((filter) => importQuery({ garageId, ...filter }));
    const found = await Promise.all(
      filters.map((query) =>
        imports
          .find(query, { projection: { dmsNumber: 1, receivedAt: 1 } })
          .sort({ receivedAt: -1 })
          .limit(evidenceCaps.pushesPerAppointment)
          .toArray(),
      ),
    );
    const newest = found.flat().sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
    return [...new Set(newest.map((doc) => doc.dmsNumber))].slice(0, evidenceCaps.appointments);
  }

  function openBody(record: ImportDocument): string | null {
    try {
      return openText(deps.keyring, record.rawBody);
    } catch {
      return null;
    }
  }

  async function appointmentEvidence(garageId: string, dmsNumber: string): Promise<StoredAppointment> {
    const [pushes, appointment] = await Promise.all([
      imports
        .find({ garageId, dmsNumber }, withoutRawBody)
        .sort({ receivedAt: -1 })
        .limit(evidenceCaps.pushesPerAppointment)
        .toArray(),
      appointments.findOne({ _id: documentIds.appointment(garageId, dmsNumber) }),
    ]);
    const writerId = appointment?.source.importId;
    const writer =
      writerId === undefined
        ? null
        : (pushes.find((record) => record._id === writerId) ??
          (await imports.findOne({ _id: writerId, garageId }, withoutRawBody)));
    const failed = pushes.find((record) => record.status === 'failed');
    const failedRecord = failed === undefined ? null : await imports.findOne({ _id: failed._id });
    const rawBody = failedRecord === null ? null : openBody(failedRecord);
    return {
      dmsNumber,
      imports: pushes,
      appointment,
      writer,
      newestFailedBody: failed === undefined || rawBody === null ? null : { importId: failed._id, rawBody },
    };
  }

  return {
    async find(question: {
      garageId: string;
      number: string;
      period: { from: Date; to: Date };
    }): Promise<StoredWorkOrder> {
      const { garageId, number, period } = question;
      const [dmsNumbers, otherGarages, lastPush, refusals] = await Promise.all([
        dmsNumbersFor(garageId, number),
        otherGaragesWith(garageId, number),
        importQueries(collections).lastPushPerGarage([garageId]),
        refusalsByGarageAndReason(deps.db, { garageId, ...period }),
      ]);
      const found = await Promise.all(dmsNumbers.map((dmsNumber) => appointmentEvidence(garageId, dmsNumber)));
      return {
        lastPushAt: lastPush.get(garageId) ?? null,
        otherGarages,
        refusals: refusals.map(({ code, status, count, lastAt }) => ({ code, status, count, lastAt })),
        appointments: found,
      };
    },
  };
}
export type WorkOrderEvidenceStore = ReturnType<typeof workOrderEvidence>;
