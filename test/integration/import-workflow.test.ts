import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import type { GarageConfig } from '../../src/config.js';
import type { ImportStatus } from '../../src/domain/import-status.js';
import { importWorkflowType } from '../../src/temporal/start-import.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { receiverRequestFor } from '../support/receiver-request.js';
import { createKeyring } from '../../src/crypto/keyring.js';
import { vouchFor } from '../../src/crypto/voucher.js';
import { importDataConverter } from '../../src/temporal/encryption-codec.js';

let pipeline: Pipeline;
let connection: Connection;
let client: Client;

before(async () => {
  pipeline = await startPipeline();
  connection = await Connection.connect({ address: pipeline.config.temporal.address });
  client = new Client({
    connection,
    dataConverter: importDataConverter(createKeyring(pipeline.config.encryptionKeys)),
  });
});
after(async () => {
  await connection?.close();
  await pipeline?.close();
});

type Version = { sentAt: string; woNumber: string; party?: { id: string; lastName: string }; ownerId?: string };

function pushBody(dmsNumber: string, version: Version, vin = 'WVWZZZ1KZAW000001'): string {
  return JSON.stringify({
    messageId: randomUUID(),
    sentAt: version.sentAt,
    appointment: { dmsNumber, woNumber: version.woNumber, appointmentDate: '01-12-2026 08:30' },
    car: { vin, registrationNumber: 'GB123X', driverId: version.party?.id, ownerId: version.ownerId },
    parties: version.party === undefined ? [] : [version.party],
  });
}

const importRequest = (garage: GarageConfig, rawBody: string) => receiverRequestFor(garage.id, rawBody);

/** Runs the import workflow directly on the dev server, as the receiver would start it. */
async function runImport(garage: GarageConfig, rawBody: string, workflowIdSuffix = ''): Promise<ImportStatus> {
  const { workflowId: receiverWorkflowId, request } = importRequest(garage, rawBody);
  const workflowId = `${receiverWorkflowId}${workflowIdSuffix}`;
  const keyring = createKeyring(pipeline.config.encryptionKeys);
  return client.workflow.execute(importWorkflowType, {
    workflowId,
    taskQueue: pipeline.config.temporal.taskQueue,
    args: [{ ...request, voucher: vouchFor(keyring, { ...request, workflowId }) }],
  }) as Promise<ImportStatus>;
}

describe('the import workflow on the real dev server', () => {
  it('when several versions of one appointment are imported at once, then the newest by sentAt wins and the rest are stale', async () => {
    const dmsNumber = `D-${randomUUID().slice(0, 8)}`;
    const versions = [9, 12, 10, 11, 8].map((hour) => ({
      sentAt: `2026-11-27T${String(hour).padStart(2, '0')}:00:00+01:00`,
      woNumber: `WO-${hour}`,
    }));
    const outcomes = await Promise.all(
      versions.map((version) => runImport(pipeline.garage, pushBody(dmsNumber, version))),
    );
    const stored = await pipeline.mongo.collections.appointments.findOne({ garageId: pipeline.garage.id, dmsNumber });
    assert.equal(stored?.woNumber, 'WO-12');
    assert.equal(outcomes[1], 'imported');
    assert.equal(outcomes.filter((outcome) => outcome === 'skipped_stale').length >= 1, true);
    assert.equal(
      await pipeline.mongo.collections.appointments.countDocuments({ garageId: pipeline.garage.id, dmsNumber }),
      1,
    );
  });

  it('when many appointments sharing one car and one party are imported at once, then one car and one party exist, with every role', async () => {
    const garage = pipeline.otherGarage;
    const vin = 'WVWZZZ1KZAW000777';
    const bodies = Array.from({ length: 8 }, (_, index) =>
      pushBody(
        `SHARED-${index}`,
        {
          sentAt: `2026-11-27T10:00:0${index}+01:00`,
          woNumber: `WO-S-${index}`,
          party: { id: 'P-SHARED', lastName: `Version ${index}` },
          ...(index % 2 === 0 ? { ownerId: 'P-SHARED' } : {}),
        },
        vin,
      ),
    );
    const outcomes = await Promise.all(bodies.map((body) => runImport(garage, body)));
    assert.deepEqual(outcomes, Array(8).fill('imported'));
    const { cars, parties } = pipeline.mongo.collections;
    assert.equal(await cars.countDocuments({ garageId: garage.id, vin }), 1);
    const party = await parties.findOne({ garageId: garage.id, dmsPartyId: 'P-SHARED' });
    assert.equal(await parties.countDocuments({ garageId: garage.id, dmsPartyId: 'P-SHARED' }), 1);
    assert.equal(party?.lastName, 'Version 7', 'the newest push describes the party');
    assert.deepEqual([...(party?.roles ?? [])].sort(), ['driver', 'owner']);
  });

  it('when Claire has started work on an appointment, then a newer push is skipped_work_started and Claire fields stay', async () => {
    const dmsNumber = `D-${randomUUID().slice(0, 8)}`;
    const { appointments } = pipeline.mongo.collections;
    assert.equal(
      await runImport(pipeline.garage, pushBody(dmsNumber, { sentAt: '2026-11-27T09:00:00+01:00', woNumber: 'WO-A' })),
      'imported',
    );
    await appointments.updateOne(
      { garageId: pipeline.garage.id, dmsNumber },
      { $set: { status: 'work_started', technicianNotes: 'brake pads worn' } },
    );

    const outcome = await runImport(
      pipeline.garage,
      pushBody(dmsNumber, { sentAt: '2026-11-27T10:00:00+01:00', woNumber: 'WO-B' }),
    );
    assert.equal(outcome, 'skipped_work_started');
    const stored = await appointments.findOne({ garageId: pipeline.garage.id, dmsNumber });
    assert.equal(stored?.woNumber, 'WO-A');
    assert.equal(stored?.status, 'work_started');
    assert.equal((stored as Record<string, unknown> | null)?.['technicianNotes'], 'brake pads worn');
  });

  it('when the garage keeps importing after work started, then the newer push is imported and Claire fields stay', async () => {
    const garage = pipeline.keepsImportingGarage;
    const dmsNumber = `D-${randomUUID().slice(0, 8)}`;
    const { appointments } = pipeline.mongo.collections;
    await runImport(garage, pushBody(dmsNumber, { sentAt: '2026-11-27T09:00:00+01:00', woNumber: 'WO-A' }));
    await appointments.updateOne(
      { garageId: garage.id, dmsNumber },
      { $set: { status: 'work_started', technicianNotes: 'kept' } },
    );

    assert.equal(
      await runImport(garage, pushBody(dmsNumber, { sentAt: '2026-11-27T10:00:00+01:00', woNumber: 'WO-B' })),
      'imported',
    );
    const stored = await appointments.findOne({ garageId: garage.id, dmsNumber });
    assert.equal(stored?.woNumber, 'WO-B');
    assert.equal(stored?.status, 'work_started');
    assert.equal((stored as Record<string, unknown> | null)?.['technicianNotes'], 'kept');
  });

  it('when a second workflow carries a push the log already finished, then it is skipped as a duplicate and changes nothing', async () => {
    const dmsNumber = `D-${randomUUID().slice(0, 8)}`;
    const body = pushBody(dmsNumber, { sentAt: '2026-11-27T09:00:00+01:00', woNumber: 'WO-ONCE' });
    assert.equal(await runImport(pipeline.garage, body), 'imported');
    assert.equal(await runImport(pipeline.garage, body, '/again'), 'skipped_duplicate');
    const { importId } = importRequest(pipeline.garage, body).request;
    const record = await pipeline.mongo.collections.imports.findOne({ _id: importId });
    assert.equal(record?.status, 'imported');
  });

  it('when an import finishes, then its workflow carries the outcome as a search attribute', async () => {
    const dmsNumber = `D-${randomUUID().slice(0, 8)}`;
    const body = pushBody(dmsNumber, { sentAt: '2026-11-27T09:00:00+01:00', woNumber: 'WO-SA' });
    await runImport(pipeline.garage, body);
    const { workflowId } = importRequest(pipeline.garage, body);
    const description = await client.workflow.getHandle(workflowId).describe();
    const outcome = description.searchAttributes['CarsysOutcome'];
    assert.deepEqual(outcome, ['imported']);
  });
});
