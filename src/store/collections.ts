import type { Collection, Db } from 'mongodb';
import type { AppointmentDocument, CarDocument, ImportDocument, PartyDocument } from './documents.js';
import { lastPushCollectionName, type LastPushDocument } from './garage-last-push.js';

/** Collection names other parts of Claire read; a contract (documents.md). */
const collectionNames = {
  appointments: 'appointments',
  cars: 'cars',
  parties: 'parties',
  imports: 'imports',
} as const;

export type Collections = Readonly<{
  appointments: Collection<AppointmentDocument>;
  cars: Collection<CarDocument>;
  parties: Collection<PartyDocument>;
  imports: Collection<ImportDocument>;
  /** Ours only: each garage's newest push, kept with the import log for the silence report. */
  lastPushes: Collection<LastPushDocument>;
}>;

export function collectionsOf(db: Db): Collections {
  return {
    appointments: db.collection<AppointmentDocument>(collectionNames.appointments),
    cars: db.collection<CarDocument>(collectionNames.cars),
    parties: db.collection<PartyDocument>(collectionNames.parties),
    imports: db.collection<ImportDocument>(collectionNames.imports),
    lastPushes: db.collection<LastPushDocument>(lastPushCollectionName),
  };
}
