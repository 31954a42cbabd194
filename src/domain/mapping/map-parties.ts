import type { CarsysPushParty } from '../contract/push-schema.js';
import { normaliseEmail, normalisePhone, normalisePostcode } from '../normalise/contact.js';
import type { MappedCar, MappedParty, PartyRole } from './mapped-push.js';
import type { WarningList } from './map-push.js';

type Normaliser = (raw: string) => string | undefined;

function normaliseOrKeep(raw: string | undefined, normalise: Normaliser, warn: () => void): string | null {
  if (raw === undefined) return null;
  const normalised = normalise(raw);
  if (normalised !== undefined) return normalised;
  warn();
  return raw;
}

function rolesOf(dmsPartyId: string, car: MappedCar | null): PartyRole[] {
  if (car === null) return [];
  const roles: PartyRole[] = [];
  if (car.driverDmsId === dmsPartyId) roles.push('driver');
  if (car.ownerDmsId === dmsPartyId) roles.push('owner');
  if (car.contractorDmsId === dmsPartyId) roles.push('contractor');
  return roles;
}

function mapParty(party: CarsysPushParty, index: number, car: MappedCar | null, warnings: WarningList): MappedParty {
  const at = (field: string) => `parties[${index}].${field}`;
  const phone = (field: 'phonePrivate' | 'mobilePrivate' | 'phoneBusiness' | 'mobileBusiness') =>
    normaliseOrKeep(party[field], normalisePhone, () =>
      warnings.add(
        at(field),
        'invalid_phone',
        'is not a phone number we can write in international form; kept as sent',
      ),
    );
  const email = (field: 'emailPrivate' | 'emailBusiness') =>
    normaliseOrKeep(party[field], normaliseEmail, () =>
      warnings.add(at(field), 'invalid_email', 'is not an e-mail address; kept as sent'),
    );
  return {
    dmsPartyId: party.id,
    roles: rolesOf(party.id, car),
    company: party.company ?? null,
    title: party.title ?? null,
    firstName: party.firstName ?? null,
    lastName: party.lastName ?? null,
    street: party.street ?? null,
    houseNumber: party.houseNumber ?? null,
    postcode: normaliseOrKeep(party.postcode, normalisePostcode, () =>
      warnings.add(at('postcode'), 'invalid_postcode', 'is not a Dutch or Belgian postcode; kept as sent'),
    ),
    place: party.place ?? null,
    emailPrivate: email('emailPrivate'),
    phonePrivate: phone('phonePrivate'),
    mobilePrivate: phone('mobilePrivate'),
    emailBusiness: email('emailBusiness'),
    phoneBusiness: phone('phoneBusiness'),
    mobileBusiness: phone('mobileBusiness'),
  };
}

/** Warns about car party references that the push does not describe; they stay DMS references on the car. */
function warnAboutUnknownReferences(car: MappedCar, parties: readonly CarsysPushParty[], warnings: WarningList): void {
  const known = new Set(parties.map((party) => party.id));
  const references = [
    ['car.driverId', car.driverDmsId],
    ['car.ownerId', car.ownerDmsId],
    ['car.contractorId', car.contractorDmsId],
  ] as const;
  for (const [path, dmsId] of references) {
    if (dmsId !== null && !known.has(dmsId)) {
      warnings.add(path, 'unknown_party_reference', 'names a party that is not in parties; kept as a DMS reference');
    }
  }
}

/** Maps the parties, each once, with the roles the car gives them. */
export function mapParties(
  parties: readonly CarsysPushParty[],
  car: MappedCar | null,
  warnings: WarningList,
): MappedParty[] {
  if (car !== null) warnAboutUnknownReferences(car, parties, warnings);
  return parties.map((party, index) => mapParty(party, index, car, warnings));
}
