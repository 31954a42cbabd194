import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { validatePushBody } from '../../src/domain/contract/validate-push.js';
import { mapPush } from '../../src/domain/mapping/map-push.js';
import { documentIds } from '../../src/store/document-ids.js';
import type { CarDocument } from '../../src/store/documents.js';
import { openMongo, type MongoHandle } from '../../src/store/open-mongo.js';
import { writeDocuments } from '../../src/store/write-documents.js';
import { serviceEnv } from '../support/test-env.js';
import { pushBody } from '../support/push-body.js';

// The store side of "one real car is one car document, and two cars are never one" (rule 2), on the real database.

let mongo: MongoHandle;

before(async () => {
  mongo = await openMongo({ url: serviceEnv.MONGODB_URL, database: `test_${randomBytes(4).toString('hex')}` }, 5_000);
});
after(async () => {
  await mongo?.db.dropDatabase();
  await mongo?.client.close();
});

let pushes = 0;

/** Writes one push's documents as the import does; each call is a new push, a second later than the one before. */
async function importPush(garageId: string, car: Record<string, unknown>, options: { sentAt?: string } = {}) {
  pushes += 1;
  const sentAt = options.sentAt ?? new Date(Date.UTC(2026, 10, 27, 8, 0, pushes)).toISOString();
  const validation = validatePushBody(
    pushBody({ messageId: randomUUID(), sentAt, appointment: { dmsNumber: `D-${pushes}` }, car, parties: [] }),
  );
  if (!validation.ok) assert.fail(`expected a valid push, got ${JSON.stringify(validation.issues)}`);
  const mapped = mapPush(validation.push, sentAt);
  const importId = `imp-${randomUUID()}`;
  const written = await writeDocuments(mongo.collections, {
    garageId,
    push: mapped,
    source: { dms: 'carsys', sentAt: new Date(sentAt), messageId: null, importId, receivedAt: new Date(sentAt) },
    keepImportingAfterWorkStarted: false,
    now: new Date(),
  });
  assert.equal(written.outcome, 'imported');
  return { carId: written.documents?.carId ?? assert.fail('no car written'), warnings: mapped.warnings };
}

const garage = () => `garage-${randomBytes(4).toString('hex')}`;
const noDriver = { driverId: undefined, ownerId: undefined };

function carsOf(garageId: string): Promise<CarDocument[]> {
  return mongo.collections.cars.find({ garageId }).toArray();
}

describe('a car first known by its plate, later by its VIN', () => {
  it('when a plate-only push is followed by one with the VIN, then it is one car that gains the VIN', async () => {
    const garageId = garage();
    const first = await importPush(garageId, { ...noDriver, vin: undefined, registrationNumber: 'GB-123-X' });
    const second = await importPush(garageId, { ...noDriver, vin: 'WVWZZZ1KZAW000001', registrationNumber: 'gb123x' });
    assert.equal(second.carId, first.carId);
    const cars = await carsOf(garageId);
    assert.equal(cars.length, 1);
    assert.equal(cars[0]?.vin, 'WVWZZZ1KZAW000001');
    assert.equal(cars[0]?.registration, 'GB-123-X');
  });

  it('when a push without VIN follows, then it finds the same car and leaves its VIN alone', async () => {
    const garageId = garage();
    const withVin = await importPush(garageId, {
      ...noDriver,
      vin: 'WVWZZZ1KZAW000002',
      registrationNumber: '12-ABC-3',
    });
    const plateOnly = await importPush(garageId, { ...noDriver, vin: '', registrationNumber: '12ABC3', make: 'Opel' });
    assert.equal(plateOnly.carId, withVin.carId);
    const [car, ...others] = await carsOf(garageId);
    assert.equal(others.length, 0);
    assert.equal(car?.vin, 'WVWZZZ1KZAW000002');
    assert.equal(car?.make, 'Opel');
  });

  it('when the VIN push is older than the plate-only one that was written, then the car still learns its VIN', async () => {
    const garageId = garage();
    const newer = await importPush(
      garageId,
      { ...noDriver, vin: undefined, registrationNumber: 'XK-12-34', make: 'Newer' },
      { sentAt: '2026-11-27T10:00:00.000Z' },
    );
    const olderVin = await importPush(
      garageId,
      { ...noDriver, vin: 'WVWZZZ1KZAW000003', registrationNumber: 'XK-12-34', make: 'Older' },
      { sentAt: '2026-11-27T09:00:00.000Z' },
    );
    // The older push's car write is refused as stale (its own appointment is still imported); the VIN is kept anyway.
    assert.equal(olderVin.carId, newer.carId);
    const cars = await carsOf(garageId);
    assert.equal(cars.length, 1);
    assert.equal(cars[0]?.vin, 'WVWZZZ1KZAW000003');
    assert.equal(cars[0]?.make, 'Newer');
  });

  it('when a car was stored by the older code keyed by its plate, then a push with the VIN links that document', async () => {
    const garageId = garage();
    const carKey = 'registration:HJ-456-K';
    const _id = documentIds.car(garageId, carKey);
    const at = new Date('2026-11-01T08:00:00.000Z');
    // Field for field what the code before this change wrote for a car without a VIN.
    await mongo.db.collection('cars').insertOne({
      _id: _id as never,
      garageId,
      carKey,
      vin: null,
      vinRaw: null,
      registration: 'HJ-456-K',
      registrationRaw: null,
      make: 'Toyota',
      model: null,
      fuel: null,
      fuelRaw: null,
      firstRegistrationDate: null,
      apkDate: null,
      driverDmsId: null,
      ownerDmsId: null,
      contractorDmsId: null,
      source: { dms: 'carsys', sentAt: at, messageId: null, importId: 'old-import', receivedAt: at },
      createdAt: at,
      updatedAt: at,
    });
    const linked = await importPush(garageId, {
      ...noDriver,
      vin: 'JTDKB20U003000004',
      registrationNumber: 'HJ-456-K',
    });
    assert.equal(linked.carId, _id);
    const [car, ...others] = await carsOf(garageId);
    assert.equal(others.length, 0);
    assert.equal(car?.vin, 'JTDKB20U003000004');
    assert.equal(car?.carKey, carKey, 'the stored key stays, so older references keep working');
  });
});

describe('two cars are never one', () => {
  it('when two pushes carry one plate and two different valid VINs, then they are two cars', async () => {
    const garageId = garage();
    const first = await importPush(garageId, { ...noDriver, vin: 'WVWZZZ1KZAW000005', registrationNumber: 'ZZ-99-ZZ' });
    const second = await importPush(garageId, {
      ...noDriver,
      vin: 'WVWZZZ1KZAW000006',
      registrationNumber: 'ZZ-99-ZZ',
    });
    assert.notEqual(second.carId, first.carId);
    const vins = (await carsOf(garageId)).map((car) => car.vin).sort();
    assert.deepEqual(vins, ['WVWZZZ1KZAW000005', 'WVWZZZ1KZAW000006']);
  });

  it('when a plate-only car gained one VIN, then a push with another VIN for that plate is another car', async () => {
    const garageId = garage();
    const plateOnly = await importPush(garageId, { ...noDriver, vin: undefined, registrationNumber: '1-KBB-22' });
    await importPush(garageId, { ...noDriver, vin: 'VF1RFB00001000007', registrationNumber: '1-KBB-22' });
    const other = await importPush(garageId, { ...noDriver, vin: 'VF1RFB00001000008', registrationNumber: '1-KBB-22' });
    assert.notEqual(other.carId, plateOnly.carId);
    const byId = new Map((await carsOf(garageId)).map((car) => [car._id, car.vin]));
    assert.equal(byId.get(plateOnly.carId), 'VF1RFB00001000007');
    assert.equal(byId.get(other.carId), 'VF1RFB00001000008');
  });

  it('when two different cars are pushed with the same placeholder VIN, then they stay two cars, each by its plate', async () => {
    const garageId = garage();
    const first = await importPush(garageId, { ...noDriver, vin: '00000000000000000', registrationNumber: 'AB-12-CD' });
    const second = await importPush(garageId, {
      ...noDriver,
      vin: '00000000000000000',
      registrationNumber: 'EF-34-GH',
    });
    assert.notEqual(second.carId, first.carId);
    assert.ok(first.warnings.some((warning) => warning.code === 'placeholder_vin'));
    const cars = await carsOf(garageId);
    assert.deepEqual(
      cars.map((car) => car.vin),
      [null, null],
    );
    assert.deepEqual(cars.map((car) => car.carKey).sort(), ['registration:AB-12-CD', 'registration:EF-34-GH']);
  });

  it('when the same plate is pushed for two garages, then each garage has its own car', async () => {
    const [a, b] = [garage(), garage()];
    const inA = await importPush(a, { ...noDriver, vin: undefined, registrationNumber: 'GB-123-X' });
    const inB = await importPush(b, { ...noDriver, vin: 'WVWZZZ1KZAW000009', registrationNumber: 'GB-123-X' });
    assert.notEqual(inA.carId, inB.carId);
    assert.equal((await carsOf(a))[0]?.vin, null);
  });
});

describe('foreign plates', () => {
  it('when a German plate is typed two ways without a VIN, then it is one car, kept in its German form', async () => {
    const garageId = garage();
    const first = await importPush(garageId, { ...noDriver, vin: undefined, registrationNumber: 'B-AB 1234' });
    const second = await importPush(garageId, { ...noDriver, vin: undefined, registrationNumber: 'b ab 1234' });
    assert.equal(second.carId, first.carId);
    assert.ok(first.warnings.some((warning) => warning.code === 'foreign_registration'));
    const [car] = await carsOf(garageId);
    assert.equal(car?.registration, 'B-AB 1234');
    assert.equal(car?.registrationCountry, 'DE');
    assert.equal(car?.registrationRaw, 'b ab 1234');
  });

  it('when a Belgian-plated car later arrives with its VIN and a Dutch plate, then it is still the same car', async () => {
    const garageId = garage();
    const belgian = await importPush(garageId, {
      ...noDriver,
      vin: 'WBA3A5C50CF000010',
      registrationNumber: '1-ABC-123',
    });
    const dutch = await importPush(garageId, { ...noDriver, vin: 'WBA3A5C50CF000010', registrationNumber: 'R-123-BC' });
    assert.equal(dutch.carId, belgian.carId);
    const [car, ...others] = await carsOf(garageId);
    assert.equal(others.length, 0);
    assert.equal(car?.registration, 'R-123-BC');
    assert.equal(car?.registrationCountry, 'NL');
  });
});

describe('pushes of one new car at once', () => {
  it('when a plate-only push and a VIN push of a new car are written together, then there is one car', async () => {
    const garageId = garage();
    const [plateOnly, withVin] = await Promise.all([
      importPush(garageId, { ...noDriver, vin: undefined, registrationNumber: 'TT-55-VV' }),
      importPush(garageId, { ...noDriver, vin: 'WVWZZZ1KZAW000011', registrationNumber: 'TT-55-VV' }),
    ]);
    assert.equal(plateOnly.carId, withVin.carId);
    const cars = await carsOf(garageId);
    assert.equal(cars.length, 1);
    assert.equal(cars[0]?.vin, 'WVWZZZ1KZAW000011');
  });
});
