import type { CarsysPushCar } from '../contract/push-schema.js';
import { normaliseFuel, normaliseRegistration, normaliseVin } from '../normalise/vehicle.js';
import type { CarKey, MappedCar } from './mapped-push.js';
import type { WarningList } from './map-push.js';

function carKey(vin: string | null, registration: string | null): CarKey {
  if (vin !== null) return { kind: 'vin', value: vin };
  // Validation refuses a car with neither, so a registration is here.
  if (registration !== null) return { kind: 'registration', value: registration };
  throw new Error('car has neither a valid VIN nor a valid registration; validation should have refused it');
}

/** Maps the car, keeping any value that cannot be normalised raw, with a warning. */
export function mapCar(car: CarsysPushCar, warnings: WarningList): MappedCar {
  const vin = car.vin === undefined ? null : (normaliseVin(car.vin) ?? null);
  if (car.vin !== undefined && vin === null) {
    warnings.add('car.vin', 'invalid_vin', 'is not a valid VIN (17 characters, no I, O or Q); kept as sent');
  }
  const registration =
    car.registrationNumber === undefined ? null : (normaliseRegistration(car.registrationNumber) ?? null);
  if (car.registrationNumber !== undefined && registration === null) {
    warnings.add('car.registrationNumber', 'invalid_registration', 'is not in a Dutch sidecode; kept as sent');
  }
  const fuel = car.fuel === undefined ? null : (normaliseFuel(car.fuel) ?? null);
  if (car.fuel !== undefined && fuel === null) {
    warnings.add('car.fuel', 'unknown_fuel', 'is not a fuel we know; kept as sent in fuelRaw');
  }
  return {
    key: carKey(vin, registration),
    vin,
    vinRaw: vin === null ? (car.vin ?? null) : null,
    registration,
    registrationRaw: registration === null ? (car.registrationNumber ?? null) : null,
    make: car.make ?? null,
    model: car.model ?? null,
    fuel,
    fuelRaw: car.fuel ?? null,
    firstRegistrationDate: car.firstRegistrationDate ?? null,
    apkDate: car.apkDate ?? null,
    driverDmsId: car.driverId ?? null,
    ownerDmsId: car.ownerId ?? null,
    contractorDmsId: car.contractorId ?? null,
  };
}
