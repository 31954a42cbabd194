import type { MappedCar } from '../domain/mapping/mapped-push.js';
import type { Collections } from './collections.js';
import { documentIds } from './document-ids.js';
import type { CarDocument, SourceStamp } from './documents.js';
import { guardedWrite } from './guarded-write.js';
import { pushOrderOf } from './push-order.js';

function carKeyOf(car: MappedCar): string {
  return `${car.key.kind}:${car.key.value}`;
}

function carIdOf(garageId: string, car: MappedCar): string {
  return documentIds.car(garageId, carKeyOf(car));
}

type PartyReference = 'driverId' | 'ownerId' | 'contractorId';

function partyReferences(car: MappedCar): [PartyReference, string | null][] {
  return [
    ['driverId', car.driverDmsId],
    ['ownerId', car.ownerDmsId],
    ['contractorId', car.contractorDmsId],
  ];
}

/** Writes the car when this push is the newest to describe it; party references become party ids when known. */
export async function writeCar(
  collections: Collections,
  garageId: string,
  car: MappedCar,
  partyIds: ReadonlyMap<string, string>,
  source: SourceStamp,
  now: Date,
): Promise<string> {
  const _id = carIdOf(garageId, car);
  const { key: _key, ...fields } = car;
  const set: Partial<CarDocument> = { ...fields, source, updatedAt: now };
  const unset: Partial<Record<PartyReference, ''>> = {};
  for (const [reference, dmsId] of partyReferences(car)) {
    const partyId = dmsId === null ? undefined : partyIds.get(dmsId);
    // A reference that is gone from the newest push must not linger from an older one.
    if (partyId === undefined) unset[reference] = '';
    else set[reference] = partyId;
  }
  await guardedWrite<CarDocument>({
    collection: collections.cars,
    _id,
    order: pushOrderOf(source),
    update: Object.keys(unset).length > 0 ? { $set: set, $unset: unset } : { $set: set },
    insert: () => ({ ...fields, ...set, _id, garageId, carKey: carKeyOf(car), source, createdAt: now, updatedAt: now }),
  });
  return _id;
}
