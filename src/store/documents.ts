import type { Binary } from 'mongodb';
import type { PushIssue, PushWarning } from '../domain/issues.js';
import type { ImportStatus } from '../domain/import-status.js';
import type { PartyRole } from '../domain/mapping/mapped-push.js';
import type { Fuel } from '../domain/normalise/fuel.js';

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

export type InterventionDocument = {
  lineId: string | null;
  title: string;
  description: string | null;
  priceExclVatCents: number | null;
  priceInclVatCents: number | null;
  vatRate: number | null;
};

export type AppointmentDocument = {
  _id: string;
  garageId: string;
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
  source: SourceStamp;
  createdAt: Date;
  updatedAt: Date;
};

export type CarDocument = {
  _id: string;
  garageId: string;
  /** `vin:<VIN>` or `registration:<plate>`; unique per garage, because a car is keyed by one or the other. */
  carKey: string;
  vin: string | null;
  vinRaw: string | null;
  registration: string | null;
  registrationRaw: string | null;
  make: string | null;
  model: string | null;
  fuel: Fuel | null;
  fuelRaw: string | null;
  firstRegistrationDate: string | null;
  apkDate: string | null;
  driverId?: string;
  ownerId?: string;
  contractorId?: string;
  driverDmsId: string | null;
  ownerDmsId: string | null;
  contractorDmsId: string | null;
  source: SourceStamp;
  createdAt: Date;
  updatedAt: Date;
};

export type PartyDocument = {
  _id: string;
  garageId: string;
  dmsPartyId: string;
  roles: PartyRole[];
  company: string | null;
  title: string | null;
  firstName: string | null;
  lastName: string | null;
  street: string | null;
  houseNumber: string | null;
  postcode: string | null;
  place: string | null;
  emailPrivate: string | null;
  phonePrivate: string | null;
  mobilePrivate: string | null;
  emailBusiness: string | null;
  phoneBusiness: string | null;
  mobileBusiness: string | null;
  source: SourceStamp;
  createdAt: Date;
  updatedAt: Date;
};

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
