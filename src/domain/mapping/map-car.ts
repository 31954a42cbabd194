import type { CarsysPushCar } from '../contract/push-schema.js';
import { fieldCaps } from '../contract/field-caps.js';
import { readCarIdentity, registrationOf } from '../normalise/car-identity.js';
import { parseCalendarDate } from '../normalise/dates.js';
import { normaliseFuel } from '../normalise/vehicle.js';
import { cutText } from '../normalise/text.js';
import { readOrKeep, withinCap } from './kept-value.js';
import type { MappedCar } from './mapped-push.js';
import type { WarningList } from './map-push.js';

function optionalWithinCap(value: string | undefined, cap: number, path: string, warnings: WarningList) {
  return value === undefined ? null : withinCap(value, cap, path, warnings);
}

function warnAboutIdentity(car: CarsysPushCar, warnings: WarningList) {
  const identity = readCarIdentity(car.vin, car.registrationNumber);
  const { vin, registration } = identity;
  if (vin.kind === 'too_long') {
    warnings.add('car.vin', 'too_long', `is longer than ${fieldCaps.vin} characters; kept as sent, not used as a VIN`);
  } else if (vin.kind === 'placeholder') {
    warnings.add('car.vin', 'placeholder_vin', 'is a placeholder, not a real VIN; the car is treated as having no VIN');
  } else if (vin.kind === 'invalid') {
    warnings.add('car.vin', 'invalid_vin', 'is not a valid VIN (17 characters, no I, O or Q); kept as sent');
  }
  if (registration.kind === 'too_long') {
    warnings.add(
      'car.registrationNumber',
      'too_long',
      `is longer than ${fieldCaps.registrationNumber} characters; kept as sent, not used as a registration`,
    );
  } else if (registration.kind === 'foreign') {
    warnings.add(
      'car.registrationNumber',
      'foreign_registration',
      `is read as a ${registration.country === 'DE' ? 'German' : 'Belgian'} registration and kept in that form`,
    );
  } else if (registration.kind === 'invalid') {
    warnings.add(
      'car.registrationNumber',
      'invalid_registration',
      'is not a Dutch, German or Belgian registration; kept as sent',
    );
  }
  return identity;
}

function calendarDate(raw: string | undefined, path: string, warnings: WarningList) {
  return readOrKeep(
    raw,
    fieldCaps.date,
    path,
    warnings,
    (text) => {
      const parsed = parseCalendarDate(text);
      return parsed.ok ? parsed.value : undefined;
    },
    () => warnings.add(path, 'invalid_date', 'is not a date we can read (day first, or ISO 8601); kept as sent'),
  );
}

/** Maps the car, keeping any value that cannot be normalised raw, with a warning; only its key must be readable. */
export function mapCar(car: CarsysPushCar, warnings: WarningList): MappedCar {
  const { vin, registration, key } = warnAboutIdentity(car, warnings);
  // Validation refuses a car that neither field identifies.
  if (key === null) throw new Error('car has neither a valid VIN nor a readable registration; validation refuses it');
  const keptRaw = (raw: string | undefined, cap: number) => (raw === undefined ? null : cutText(raw, cap));
  const fuel = car.fuel === undefined ? null : (normaliseFuel(car.fuel) ?? null);
  if (car.fuel !== undefined && fuel === null) {
    warnings.add('car.fuel', 'unknown_fuel', 'is not a fuel we know; kept as sent in fuelRaw');
  }
  const firstRegistration = calendarDate(car.firstRegistrationDate, 'car.firstRegistrationDate', warnings);
  const apk = calendarDate(car.apkDate, 'car.apkDate', warnings);
  const plate = registrationOf(registration);
  return {
    key,
    vin: vin.kind === 'valid' ? vin.vin : null,
    vinRaw: vin.kind === 'valid' ? null : keptRaw(car.vin, fieldCaps.vin),
    registration: plate,
    registrationRaw:
      plate === null || registration.kind === 'foreign'
        ? keptRaw(car.registrationNumber, fieldCaps.registrationNumber)
        : null,
    registrationCountry:
      registration.kind === 'dutch' ? 'NL' : registration.kind === 'foreign' ? registration.country : null,
    make: optionalWithinCap(car.make, fieldCaps.make, 'car.make', warnings),
    model: optionalWithinCap(car.model, fieldCaps.model, 'car.model', warnings),
    fuel,
    fuelRaw: optionalWithinCap(car.fuel, fieldCaps.fuel, 'car.fuel', warnings),
    firstRegistrationDate: firstRegistration.value,
    firstRegistrationDateRaw: firstRegistration.raw,
    apkDate: apk.value,
    apkDateRaw: apk.raw,
    driverDmsId: car.driverId ?? null,
    ownerDmsId: car.ownerId ?? null,
    contractorDmsId: car.contractorId ?? null,
  };
}
