import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { pushBody, type PushOverrides } from '../support/push-body.js';
import { sendPush } from '../support/push-client.js';
import { waitForImportFinished } from '../support/wait-for.js';

// Issue 11 §3–5 through HTTP, the real worker, Temporal and database: a bad field that is no identity key lands with
// a warning; one real car is one car document, and two cars are never one; identity keys compare as people read them.

let pipeline: Pipeline;

before(async () => {
  pipeline = await startPipeline();
});
after(async () => {
  await pipeline?.close();
});

let sent = 0;

/** Sends one push (its own messageId, a second after the previous one) and waits for its import to end. */
async function importPush(overrides: PushOverrides) {
  sent += 1;
  const sentAt = new Date(Date.now() - 60_000 + sent * 1000).toISOString();
  const answer = await sendPush(pipeline.receiver.url, pushBody({ messageId: randomUUID(), sentAt, ...overrides }), {
    garage: pipeline.garage,
  });
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  return waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
}

const noParty = { driverId: undefined, ownerId: undefined };
const codesOf = (record: { warnings: readonly { path: string; code: string }[] }) =>
  record.warnings.map((warning) => `${warning.path} ${warning.code}`).sort();

describe('a bad field that is not an identity key never loses the work order', () => {
  it('when a push has a phone with a long note, a 300-character e-mail, a wrong APK date and a long VIN, then it is imported with a warning for each', async () => {
    const note = '06 12345678 (alleen na 17:00 bellen, anders de voicemail inspreken)';
    const record = await importPush({
      appointment: { dmsNumber: 'E2E-LAND-1', customerWaiting: 'misschien' },
      car: { vin: 'WVWZZZ1KZAW000001 (controleren bij intake)', registrationNumber: 'LN-01-AB', apkDate: '31-02-2027' },
      parties: [{ id: 'C-1', lastName: 'Jansen', phonePrivate: note, emailPrivate: `${'a'.repeat(300)}@example.nl` }],
    });
    assert.equal(record.status, 'imported', JSON.stringify(record.issues));
    assert.deepEqual(codesOf(record), [
      'appointment.customerWaiting invalid_boolean',
      'car.apkDate invalid_date',
      'car.vin too_long',
      'parties[0].emailPrivate too_long',
      'parties[0].phonePrivate too_long',
    ]);
    const { cars, parties, appointments } = pipeline.mongo.collections;
    const garageId = pipeline.garage.id;
    const car = await cars.findOne({ garageId, registration: 'LN-01-AB' });
    assert.equal(car?.apkDate, null);
    assert.equal(car?.apkDateRaw, '31-02-2027');
    assert.equal(car?.vin, null);
    const party = await parties.findOne({ garageId, dmsPartyId: 'C-1' });
    assert.equal(party?.phonePrivate, note.slice(0, 40));
    assert.equal(party?.emailPrivate?.length, 254);
    const appointment = await appointments.findOne({ garageId, dmsNumber: 'E2E-LAND-1' });
    assert.equal(appointment?.customerWaiting, false);
    assert.deepEqual([...(appointment?.warnings ?? [])].sort(), ['invalid_boolean', 'invalid_date', 'too_long']);
  });

  it('when the appointment date has a typo, then the import still fails with the issue at that field', async () => {
    const record = await importPush({ appointment: { dmsNumber: 'E2E-LAND-2', appointmentDate: '31-02-2026 09:00' } });
    assert.equal(record.status, 'failed');
    assert.deepEqual(
      record.issues.map((issue) => `${issue.path} ${issue.code}`),
      ['appointment.appointmentDate invalid_date'],
    );
  });
});

describe('one real car is one car document, and two cars are never one', () => {
  it('when a car is pushed by plate, then with its VIN, then by plate again, then it is one car with its VIN and every appointment points at it', async () => {
    const garageId = pipeline.garage.id;
    const first = await importPush({
      appointment: { dmsNumber: 'E2E-CAR-1' },
      car: { ...noParty, vin: undefined, registrationNumber: 'ks-12-ab' },
      parties: [],
    });
    const second = await importPush({
      appointment: { dmsNumber: 'E2E-CAR-2' },
      car: { ...noParty, vin: 'WVWZZZ1KZAW100001', registrationNumber: 'KS12AB' },
      parties: [],
    });
    const third = await importPush({
      appointment: { dmsNumber: 'E2E-CAR-3' },
      car: { ...noParty, vin: '', registrationNumber: 'KS-12-AB', make: 'Skoda' },
      parties: [],
    });
    for (const record of [first, second, third]) assert.equal(record.status, 'imported', JSON.stringify(record.issues));
    const cars = await pipeline.mongo.collections.cars.find({ garageId, registration: 'KS-12-AB' }).toArray();
    assert.equal(cars.length, 1);
    assert.equal(cars[0]?.vin, 'WVWZZZ1KZAW100001');
    assert.equal(cars[0]?.make, 'Skoda');
    const carIds = new Set([first, second, third].map((record) => record.documents?.carId));
    assert.deepEqual([...carIds], [cars[0]?._id]);
  });

  it('when two different cars are pushed with the 17-zeros placeholder VIN, then they stay two cars with their own plates', async () => {
    const garageId = pipeline.garage.id;
    const a = await importPush({
      appointment: { dmsNumber: 'E2E-CAR-4' },
      car: { ...noParty, vin: '00000000000000000', registrationNumber: 'PA-01-AA' },
      parties: [],
    });
    const b = await importPush({
      appointment: { dmsNumber: 'E2E-CAR-5' },
      car: { ...noParty, vin: '00000000000000000', registrationNumber: 'PB-02-BB' },
      parties: [],
    });
    assert.deepEqual(codesOf(a), ['car.vin placeholder_vin']);
    assert.notEqual(a.documents?.carId, b.documents?.carId);
    const plates = (await pipeline.mongo.collections.cars.find({ garageId, vinRaw: '00000000000000000' }).toArray())
      .map((car) => car.registration)
      .sort();
    assert.deepEqual(plates, ['PA-01-AA', 'PB-02-BB']);
  });

  it('when one plate comes with two different valid VINs, then they are two cars', async () => {
    const garageId = pipeline.garage.id;
    const a = await importPush({
      appointment: { dmsNumber: 'E2E-CAR-6' },
      car: { ...noParty, vin: 'VF1RFB00001100006', registrationNumber: 'TW-66-EE' },
      parties: [],
    });
    const b = await importPush({
      appointment: { dmsNumber: 'E2E-CAR-7' },
      car: { ...noParty, vin: 'VF1RFB00001100007', registrationNumber: 'TW-66-EE' },
      parties: [],
    });
    assert.notEqual(a.documents?.carId, b.documents?.carId);
    const vins = (await pipeline.mongo.collections.cars.find({ garageId, registration: 'TW-66-EE' }).toArray())
      .map((car) => car.vin)
      .sort();
    assert.deepEqual(vins, ['VF1RFB00001100006', 'VF1RFB00001100007']);
  });

  it('when a Belgian plate is pushed without VIN, then it is kept as Belgian, identifies the car, and support finds the import by it', async () => {
    const garageId = pipeline.garage.id;
    const a = await importPush({
      appointment: { dmsNumber: 'E2E-CAR-8' },
      car: { ...noParty, vin: undefined, registrationNumber: '1-ABC-123' },
      parties: [],
    });
    const b = await importPush({
      appointment: { dmsNumber: 'E2E-CAR-9' },
      car: { ...noParty, vin: undefined, registrationNumber: '1abc123' },
      parties: [],
    });
    assert.equal(a.status, 'imported', JSON.stringify(a.issues));
    assert.deepEqual(codesOf(a), ['car.registrationNumber foreign_registration']);
    assert.equal(a.documents?.carId, b.documents?.carId);
    const car = await pipeline.mongo.collections.cars.findOne({ _id: a.documents?.carId ?? '' });
    assert.equal(car?.registration, '1-ABC-123');
    assert.equal(car?.registrationCountry, 'BE');
    assert.equal(a.registration, '1-ABC-123');
    const response = await fetch(
      `${pipeline.receiver.operatorUrl}/api/v1/imports?garageId=${garageId}&registration=${encodeURIComponent('1 abc 123')}`,
      { headers: { Authorization: `Bearer ${readerToken()}` } },
    );
    assert.equal(response.status, 200);
    const found = (await response.json()) as { items: { dmsNumber: string }[] };
    assert.deepEqual(found.items.map((item) => item.dmsNumber).sort(), ['E2E-CAR-8', 'E2E-CAR-9']);
  });
});

describe('identity keys compare as a person reads them', () => {
  it('when a DMS number arrives once plain and once with a zero-width space, then it is one appointment', async () => {
    const garageId = pipeline.garage.id;
    const plain = await importPush({ appointment: { dmsNumber: '184467' } });
    const invisible = await importPush({ appointment: { dmsNumber: '184467\u200B', woNumber: 'WO-26-00002' } });
    assert.equal(invisible.status, 'imported', JSON.stringify(invisible.issues));
    assert.equal(invisible.dmsNumber, '184467');
    assert.equal(invisible.documents?.appointmentId, plain.documents?.appointmentId);
    const appointments = await pipeline.mongo.collections.appointments.find({ garageId }).toArray();
    const same = appointments.filter((appointment) => appointment.dmsNumber.startsWith('184467'));
    assert.equal(same.length, 1);
    assert.equal(same[0]?.woNumber, 'WO-26-00002');
  });

  it('when a DMS number holds a tab, then the import fails with a control_character issue and writes nothing', async () => {
    const record = await importPush({ appointment: { dmsNumber: '1844\t68' } });
    assert.equal(record.status, 'failed');
    assert.deepEqual(
      record.issues.map((issue) => `${issue.path} ${issue.code}`),
      ['appointment.dmsNumber control_character'],
    );
    assert.equal(record.documents, null);
  });
});

function readerToken(): string {
  const reader = pipeline.config.operatorTokens.find((token) => token.scopes.includes('read'));
  if (reader === undefined) assert.fail('the test setup has no reader token');
  return reader.token;
}
