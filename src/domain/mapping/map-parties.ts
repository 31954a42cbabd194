import type { CarsysPushParty } from '../contract/push-schema.js';
import { fieldCaps } from '../contract/field-caps.js';
import { normaliseEmail, normalisePostcode, postcodeCountry } from '../normalise/contact.js';
import { readPartyPhone } from '../normalise/party-phone.js';
import { readOrKeep, withinCap } from './kept-value.js';
import type { MappedCar, MappedParty, PartyRole } from './mapped-push.js';
import type { WarningList } from './map-push.js';

type Normaliser = (raw: string) => string | undefined;

/** The normalised value, else the value as sent (cut at its cap), each with a warning naming the field. */
function normaliseOrKeep(
  raw: string | undefined,
  cap: number,
  path: string,
  warnings: WarningList,
  normalise: Normaliser,
  warn: () => void,
): string | null {
  const read = readOrKeep(raw, cap, path, warnings, normalise, warn);
  return read.value ?? read.raw;
}

function optionalWithinCap(value: string | undefined, cap: number, path: string, warnings: WarningList) {
  return value === undefined ? null : withinCap(value, cap, path, warnings);
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
  const postcode = readOrKeep(party.postcode, fieldCaps.postcode, at('postcode'), warnings, normalisePostcode, () =>
    warnings.add(at('postcode'), 'invalid_postcode', 'is not a Dutch or Belgian postcode; kept as sent'),
  );
  const told = postcodeCountry(postcode.value);
  const phone = (field: 'phonePrivate' | 'mobilePrivate' | 'phoneBusiness' | 'mobileBusiness') =>
    normaliseOrKeep(
      party[field],
      fieldCaps.phone,
      at(field),
      warnings,
      (text) => {
        const read = readPartyPhone(text, told);
        if (read?.assumed === 'NL' || read?.assumed === 'BE') {
          const country = read.assumed === 'NL' ? 'Dutch' : 'Belgian';
          warnings.add(
            at(field),
            'phone_country_assumed',
            told === undefined
              ? `has no country code and the postcode does not tell the country; read as ${country}`
              : `has no country code and is not a number of the postcode's country; read as ${country}`,
          );
        }
        return read?.number;
      },
      () =>
        warnings.add(
          at(field),
          'invalid_phone',
          'is not a phone number we can write in international form; kept as sent',
        ),
    );
  const email = (field: 'emailPrivate' | 'emailBusiness') =>
    normaliseOrKeep(party[field], fieldCaps.email, at(field), warnings, normaliseEmail, () =>
      warnings.add(at(field), 'invalid_email', 'is not an e-mail address; kept as sent'),
    );
  const kept = (field: 'company' | 'title' | 'firstName' | 'lastName' | 'street' | 'houseNumber' | 'place') =>
    optionalWithinCap(party[field], fieldCaps[field === 'title' ? 'partyTitle' : field], at(field), warnings);
  return {
    dmsPartyId: party.id,
    roles: rolesOf(party.id, car),
    company: kept('company'),
    title: kept('title'),
    firstName: kept('firstName'),
    lastName: kept('lastName'),
    street: kept('street'),
    houseNumber: kept('houseNumber'),
    postcode: postcode.value ?? postcode.raw,
    place: kept('place'),
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
