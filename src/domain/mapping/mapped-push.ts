import type { PushEvent } from '../contract/push-schema.js';
import type { PushWarning } from '../import-status.js';
import type { CarKey } from '../normalise/car-identity.js';
import type { Fuel } from '../normalise/vehicle.js';

export type PartyRole = 'driver' | 'owner' | 'contractor';

export type MappedIntervention = Readonly<{
  lineId: string | null;
  /** Null when the DMS sent the line without a title (a warning, rule 6). */
  title: string | null;
  description: string | null;
  priceExclVatCents: number | null;
  priceInclVatCents: number | null;
  vatRate: number | null;
}>;

/** The DMS-sourced fields of an appointment; instants are ISO UTC strings so the value crosses Temporal as JSON. */
export type MappedAppointmentFields = Readonly<{
  woNumber: string | null;
  appointmentAt: string;
  createdInDmsAt: string | null;
  customerWaiting: boolean;
  interventions: readonly MappedIntervention[];
  warnings: readonly string[];
}>;

export type { CarKey } from '../normalise/car-identity.js';

export type MappedCar = Readonly<{
  key: CarKey;
  vin: string | null;
  vinRaw: string | null;
  registration: string | null;
  registrationRaw: string | null;
  /** Which country's form `registration` is in; a foreign plate is kept in its own form (docs/data-rules.md). */
  registrationCountry: 'NL' | 'DE' | 'BE' | null;
  make: string | null;
  model: string | null;
  fuel: Fuel | null;
  fuelRaw: string | null;
  firstRegistrationDate: string | null;
  /** The date as sent when it could not be read; the import still lands. */
  firstRegistrationDateRaw: string | null;
  apkDate: string | null;
  apkDateRaw: string | null;
  driverDmsId: string | null;
  ownerDmsId: string | null;
  contractorDmsId: string | null;
}>;

export type MappedParty = Readonly<{
  dmsPartyId: string;
  roles: readonly PartyRole[];
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
}>;

type MappedPushBase = Readonly<{
  event: PushEvent;
  dmsNumber: string;
  /** Orders versions of one appointment; the receive time when Carsys left it out. */
  sentAt: string;
  messageId: string | null;
  warnings: readonly PushWarning[];
}>;

/** A push turned into what the documents hold, ready to upsert. */
export type MappedPush =
  | (MappedPushBase &
      Readonly<{
        event: 'appointment.upsert';
        appointment: MappedAppointmentFields;
        car: MappedCar;
        parties: readonly MappedParty[];
      }>)
  | (MappedPushBase & Readonly<{ event: 'appointment.cancel'; woNumber: string | null }>);
