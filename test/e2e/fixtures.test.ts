import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowFailedError, Client, Connection } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { fixtureObject, readFixture } from '../support/fixtures.js';
import { waitForImportFinished } from '../support/wait-for.js';
import { createKeyring } from '../../src/crypto/keyring.js';
import { importDataConverter } from '../../src/temporal/encryption-codec.js';

let pipeline: Pipeline;

before(async () => {
  pipeline = await startPipeline();
});
after(async () => {
  await pipeline?.close();
});

async function push(body: string) {
  return sendPush(pipeline.receiver.url, body, { garage: pipeline.garage });
}

async function pushAndFinish(body: string) {
  const answer = await push(body);
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  return waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
}

function variant(name: string, changes: (push: Record<string, unknown>) => void): string {
  const body = fixtureObject(name);
  changes(body);
  return JSON.stringify(body);
}

describe('end to end through HTTP, one case per row of shared/fixtures/README.md', () => {
  it('when valid-full.json is pushed, then one appointment, car and party exist as the README describes', async () => {
    const record = await pushAndFinish(readFixture('valid-full'));
    assert.equal(record.status, 'imported');
    const { appointments, cars, parties } = pipeline.mongo.collections;
    const garageId = pipeline.garage.id;

    const appointment = await appointments.findOne({ garageId, dmsNumber: '184467' });
    assert.ok(appointment);
    assert.deepEqual(
      appointment.interventions.map((line) => [line.priceExclVatCents, line.priceInclVatCents]),
      [
        [23926, 28950],
        [3719, 4500],
      ],
    );
    assert.equal(appointment.status, 'planned');
    assert.equal(appointment.cancelled, false);
    assert.equal(appointment.appointmentAt?.toISOString(), '2026-12-01T07:30:00.000Z');
    assert.equal(appointment.source.importId, record._id);

    const car = await cars.findOne({ garageId, registration: 'GB-123-X' });
    assert.ok(car);
    assert.equal(car.fuel, 'petrol');
    assert.equal(appointment.carId, car._id);

    const party = await parties.findOne({ garageId, dmsPartyId: 'C-1001' });
    assert.ok(party);
    assert.deepEqual([...party.roles].sort(), ['driver', 'owner']);
    assert.equal(party.emailPrivate, 'jan.devries@example.nl');
    assert.equal(party.mobilePrivate, '+31612345678');
    assert.equal(party.postcode, '1234 AB');
    assert.equal(car.driverId, party._id);
    assert.equal(car.ownerId, party._id);
    assert.equal(await parties.countDocuments({ garageId }), 1);
    assert.deepEqual(record.documents, { appointmentId: appointment._id, carId: car._id, partyIds: [party._id] });
  });

  it('when valid-full.json is sent again, then the answer is 200 duplicate and there is still one set of documents', async () => {
    const first = await push(readFixture('valid-full'));
    assert.equal(first.status, 200);
    assert.equal(first.json['status'], 'duplicate');
    const { appointments, cars, parties, imports } = pipeline.mongo.collections;
    const garageId = pipeline.garage.id;
    assert.equal(await appointments.countDocuments({ garageId, dmsNumber: '184467' }), 1);
    assert.equal(await cars.countDocuments({ garageId }), 1);
    assert.equal(await parties.countDocuments({ garageId }), 1);
    assert.equal(await imports.countDocuments({ garageId, dmsNumber: '184467' }), 1);
  });

  it('when a copy an hour older with another woNumber arrives after it, then nothing changes and it is skipped as stale', async () => {
    const stale = variant('valid-full', (body) => {
      body['messageId'] = `${String(body['messageId'])}-older`;
      body['sentAt'] = '2026-11-27T08:15:02+01:00';
      (body['appointment'] as Record<string, unknown>)['woNumber'] = 'WO-STALE-1';
    });
    const record = await pushAndFinish(stale);
    assert.equal(record.status, 'skipped_stale');
    assert.equal(record.documents, null);
    const appointment = await pipeline.mongo.collections.appointments.findOne({
      garageId: pipeline.garage.id,
      dmsNumber: '184467',
    });
    assert.equal(appointment?.woNumber, 'WO-24-01873');
    assert.notEqual(appointment?.source.importId, record._id);
  });

  it('when valid-lease-car.json is pushed, then the lease company is owner and contractor and VAT is derived', async () => {
    const record = await pushAndFinish(readFixture('valid-lease-car'));
    assert.equal(record.status, 'imported');
    const garageId = pipeline.garage.id;
    const { appointments, cars, parties } = pipeline.mongo.collections;
    const car = await cars.findOne({ garageId, registration: 'K-123-BB' });
    assert.equal(car?.fuel, 'electric');
    const driver = await parties.findOne({ garageId, dmsPartyId: 'C-2001' });
    const lease = await parties.findOne({ garageId, dmsPartyId: 'L-77' });
    assert.deepEqual(driver?.roles, ['driver']);
    assert.deepEqual([...(lease?.roles ?? [])].sort(), ['contractor', 'owner']);
    assert.equal(car?.driverId, driver?._id);
    assert.equal(car?.ownerId, lease?._id);
    assert.equal(car?.contractorId, lease?._id);
    const appointment = await appointments.findOne({ garageId, dmsNumber: '184470' });
    assert.equal(appointment?.customerWaiting, false);
    assert.equal(appointment?.interventions[0]?.priceInclVatCents, 9680);
  });

  it('when cancel.json follows valid-full.json, then appointment 184467 is cancelled and nothing is deleted', async () => {
    const record = await pushAndFinish(readFixture('cancel'));
    assert.equal(record.status, 'imported');
    const garageId = pipeline.garage.id;
    const { appointments, cars, parties } = pipeline.mongo.collections;
    const appointment = await appointments.findOne({ garageId, dmsNumber: '184467' });
    assert.equal(appointment?.cancelled, true);
    assert.equal(appointment?.interventions.length, 2);
    assert.ok(await cars.findOne({ garageId, registration: 'GB-123-X' }));
    assert.ok(await parties.findOne({ garageId, dmsPartyId: 'C-1001' }));
  });

  it('when an upsert older than the cancel arrives, then the appointment stays cancelled', async () => {
    const older = variant('valid-full', (body) => {
      body['messageId'] = `${String(body['messageId'])}-before-cancel`;
      body['sentAt'] = '2026-11-28T07:59:00+01:00';
    });
    const record = await pushAndFinish(older);
    assert.equal(record.status, 'skipped_stale');
    const appointment = await pipeline.mongo.collections.appointments.findOne({
      garageId: pipeline.garage.id,
      dmsNumber: '184467',
    });
    assert.equal(appointment?.cancelled, true);
  });

  it('when invalid-fields.json is pushed, then the import fails non-retryably with issues by path and writes nothing for 184480', async () => {
    const record = await pushAndFinish(readFixture('invalid-fields'));
    assert.equal(record.status, 'failed');
    const paths = record.issues.map((issue) => issue.path);
    // Only the appointment date: an empty title, a bad price and a bad yes/no value are warnings (rule 6).
    for (const expected of ['appointment.appointmentDate']) {
      assert.ok(paths.includes(expected), `issues should name ${expected}; got ${paths.join(', ')}`);
    }
    for (const issue of record.issues) assert.ok(issue.message.length > 0 && issue.code.length > 0);

    const garageId = pipeline.garage.id;
    const { appointments, cars, parties } = pipeline.mongo.collections;
    assert.equal(await appointments.countDocuments({ garageId, dmsNumber: '184480' }), 0);
    assert.equal(await cars.countDocuments({ garageId, vin: 'W0L0XCF0814000003' }), 0);
    assert.equal(await parties.countDocuments({ garageId, dmsPartyId: 'C-3001' }), 0);

    const connection = await Connection.connect({ address: pipeline.config.temporal.address });
    try {
      const dataConverter = importDataConverter(createKeyring(pipeline.config.encryptionKeys));
      const handle = new Client({ connection, dataConverter }).workflow.getHandle(record.workflowId);
      await assert.rejects(handle.result(), (error: unknown) => {
        assert.ok(error instanceof WorkflowFailedError);
        assert.ok(error.cause instanceof ApplicationFailure);
        assert.equal(error.cause.type, 'InvalidPush');
        assert.equal(error.cause.nonRetryable, true);
        return true;
      });
    } finally {
      await connection.close();
    }
  });

  it('when suspicious-date.json is pushed, then it is imported with a suspicious_date warning support can search for', async () => {
    const record = await pushAndFinish(readFixture('suspicious-date'));
    assert.equal(record.status, 'imported');
    assert.ok(record.warnings.some((warning) => warning.code === 'suspicious_date'));
    const found = await pipeline.mongo.collections.appointments.findOne({
      garageId: pipeline.garage.id,
      warnings: 'suspicious_date',
    });
    assert.equal(found?.dmsNumber, '184490');
  });
});
