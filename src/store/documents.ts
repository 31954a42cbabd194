import type { Binary } from 'mongodb';
import type { PushIssue, PushWarning, ImportStatus } from '../domain/import-status.js';
import type { MappedCar, MappedIntervention, MappedParty } from '../domain/mapping/mapped-push.js';

/** Text encrypted at rest, with the id of the key that can open it. */
export type EncryptedText = { keyId: string; data: Binary };

/** Where a document's DMS fields came from: the push that last wrote them. */
export type SourceStamp = {
  dms: 'carsys';
  /** As the DMS sent it, even when it was too far ahead of the receipt to order by. */
  sentAt: Date;
  /**
   * The time this version is ordered by (docs/ordering.md). Documents written before it existed lack it; their
   * ordering time is worked out from `sentAt` and `receivedAt` by the same rule.
   */
  orderedAt?: Date;
  messageId: string | null;
  importId: string;
  receivedAt: Date;
};

/** A mapped value as a stored document holds it: the same fields, written by the driver rather than frozen. */
type Stored<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };

/** Documents keep what the mapping produced, field for field; only keys, links and stamps are the store's own. */
type Stamps = { _id: string; garageId: string; source: SourceStamp; createdAt: Date; updatedAt: Date };

export type InterventionDocument = Stored<MappedIntervention>;

export type AppointmentDocument = Stamps & {
  dmsNumber: string;
  woNumber: string | null;
  appointmentAt?: Date;
  createdInDmsAt?: Date | null;
  customerWaiting?: boolean;
  cancelled: boolean;
  interventions: InterventionDocument[];
  carId?: string;
  warnings: string[];
  /** Owned by Claire; the import sets it only when it creates the document. */
  status: string;
};

export type CarDocument = Stamps &
  Omit<Stored<MappedCar>, 'key'> & {
    /**
     * `vin:<VIN>` or `registration:<plate>` (`registration:BE:1-ABC-123` for a foreign plate), unique per garage. A car
     * keyed by its plate keeps that key when it gains a VIN (docs/data-rules.md), so look cars up by `vin`, not key.
     */
    carKey: string;
    driverId?: string;
    ownerId?: string;
    contractorId?: string;
  };

export type PartyDocument = Stamps & Stored<MappedParty>;

export type WrittenDocuments = { appointmentId: string; carId: string | null; partyIds: string[] };

export type ImportDocument = {
  _id: string;
  garageId: string;
  workflowId: string;
  runId: string;
  messageId: string | null;
  bodySha256: string;
  dmsNumber: string;
  woNumber: string | null;
  registration: string | null;
  event: string | null;
  sentAt: Date | null;
  receivedAt: Date;
  requestId: string | null;
  status: ImportStatus;
  issues: PushIssue[];
  warnings: PushWarning[];
  attempts: { at: Date; workflowId: string; runId: string; by: string }[];
  finishedAt: Date | null;
  documents: WrittenDocuments | null;
  /** The body exactly as received, AES-256-GCM encrypted, so support can retry without Carsys resending. */
  rawBody: EncryptedText;
};
