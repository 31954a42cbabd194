import { chooseCar, type CarChoice, type StoredCar } from '../domain/car-link.js';
import type { MappedCar } from '../domain/mapping/mapped-push.js';
import type { Collections } from './collections.js';
import { documentIds } from './document-ids.js';

const identityFields = { projection: { _id: 1, vin: 1 } } as const;

// Several cars can carry one plate (a plate moved to another car, or cars split by older code); a handful is plenty.
const plateCandidates = 10;

/**
 * Finds which stored car a mapped car is (domain/car-link.ts decides). The common case, a car already keyed by its
 * VIN, is one lookup by `_id`; only a VIN not seen before, or a push without a VIN, searches by VIN and plate.
 */
export async function findStoredCar(collections: Collections, garageId: string, car: MappedCar): Promise<CarChoice> {
  const { cars } = collections;
  if (car.vin !== null) {
    const keyedByVin = await cars.findOne({ _id: documentIds.car(garageId, `vin:${car.vin}`) }, identityFields);
    if (keyedByVin !== null) return { kind: 'existing', _id: keyedByVin._id, gainsVin: false };
  }
  const withVin: StoredCar | null =
    car.vin === null ? null : await cars.findOne({ garageId, vin: car.vin }, identityFields);
  const withRegistration: StoredCar[] =
    car.registration === null || withVin !== null
      ? []
      : await cars
          .find({ garageId, registration: car.registration }, identityFields)
          .sort({ updatedAt: -1, _id: 1 })
          .limit(plateCandidates)
          .toArray();
  return chooseCar(car.vin, { withVin, withRegistration });
}
