import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { createUpsertDocuments } from '../../src/activities/import-activities.js';
import { createKeyring } from '../../src/crypto/keyring.js';
import { createLogger } from '../../src/logging/logger.js';
import { openMongo, type MongoHandle } from '../../src/store/open-mongo.js';
import { startReceiver, type RunningReceiver } from '../../src/main/start-receiver.js';
import { startWorker, type RunningWorker } from '../../src/main/start-worker.js';
import { importDataConverter } from '../../src/temporal/encryption-codec.js';
import { databaseOutage, type DatabaseOutage } from '../support/database-outage.js';
import { readFixture } from '../support/fixtures.js';
import { workflowBundle } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitFor } from '../support/wait-for.js';

// A deploy while imports wait out a database outage: they started on the previous workflow code and must finish on
// the current code (docs/versioning.md). The previous code is frozen in test/fixtures/previous-workflow.
const previousWorkflows = fileURLToPath(new URL('../fixtures/previous-workflow/index.ts', import.meta.url));
const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} };

const setup = testSetup();
const { config, garage } = setup;
const logger = createLogger({ level: 'silent', name: 'upgrade' });
let receiver: RunningReceiver;
let mongo: MongoHandle;
let outage: DatabaseOutage;
let connection: Connection;
let client: Client;
const workers: RunningWorker[] = [];
const started: { name: string; importId: string; workflowId: string }[] = [];

before(async () => {
  receiver = await startReceiver(config, logger);
  mongo = await openMongo(config.mongo, 5_000);
  outage = await databaseOutage(config.mongo);
  connection = await Connection.connect({ address: config.temporal.address });
  client = new Client({ connection, dataConverter: importDataConverter(createKeyring(config.encryptionKeys)) });
});
after(async () => {
  for (const { workflowId } of started) {
    const handle = client?.workflow.getHandle(workflowId);
    if ((await handle?.describe())?.status.name === 'RUNNING') await handle?.terminate('the upgrade test ended');
  }
  for (const worker of workers) await worker.close();
  await receiver?.close();
  await outage?.close();
  await connection?.close();
  await mongo?.db.dropDatabase();
  await mongo?.client.close();
});

// The example pushes, each a different appointment, car and parties, so their documents do not depend on order.
const pushes = ['valid-full', 'valid-lease-car', 'suspicious-date'];

async function buildIdsOf(workflowId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((event) => {
    const buildId = event.workflowTaskCompletedEventAttributes?.workerVersion?.buildId;
    return typeof buildId === 'string' ? [buildId] : [];
  });
}

describe('a worker with the current workflow code takes over imports started on the previous code', () => {
  it('when imports wait out a database outage on the previous code and a current worker replaces that worker, then every one finishes with its documents', async () => {
    const previous = await bundleWorkflowCode({ workflowsPath: previousWorkflows, logger: quiet });
    const outageActivities = {
      upsertDocuments: createUpsertDocuments({
        collections: outage.collections,
        garages: config.garages,
        clock: () => new Date(),
      }),
    };
    const oldWorker = await startWorker(config, logger, {
      workflows: { workflowBundle: { code: previous.code } },
      activityOverrides: { upsertDocuments: outageActivities.upsertDocuments },
    });
    workers.push(oldWorker);
    await outage.goDown();

    for (const name of pushes) {
      const answer = await sendPush(receiver.url, readFixture(name), { garage });
      assert.equal(answer.status, 202, JSON.stringify(answer.json));
      started.push({ name, importId: String(answer.json['importId']), workflowId: String(answer.json['workflowId']) });
    }

    // Held mid-way: recorded in the import log, validated and mapped, the write failing while the database is down.
    for (const { workflowId } of started) {
      await waitFor(
        `${workflowId} to retry its write`,
        async () => {
          const pending = (await client.workflow.getHandle(workflowId).describe()).raw.pendingActivities ?? [];
          return pending.some(
            (activity) => activity.activityType?.name === 'upsertDocuments' && (activity.attempt ?? 0) >= 2,
          )
            ? true
            : null;
        },
        60_000,
      );
    }
    assert.equal(await mongo.collections.appointments.countDocuments({ garageId: garage.id }), 0);
    assert.equal(await mongo.collections.imports.countDocuments({ garageId: garage.id, status: 'accepted' }), 3);
    await oldWorker.close();

    const { code } = await workflowBundle();
    const currentWorker = await startWorker(config, logger, { workflows: { workflowBundle: { code } } });
    workers.push(currentWorker);
    const previousBuildId = oldWorker.worker.options.buildId;
    const currentBuildId = currentWorker.worker.options.buildId;
    assert.notEqual(previousBuildId, currentBuildId, 'the two workers run different workflow code');

    for (const { name, importId, workflowId } of started) {
      const handle = client.workflow.getHandle(workflowId);
      // A current code that cannot replay the history fails its workflow tasks over and over, and never closes.
      await waitFor(
        `${name} to finish on the current code`,
        async () => {
          const failed = (await handle.fetchHistory()).events?.find((event) => event.workflowTaskFailedEventAttributes);
          const failure = failed?.workflowTaskFailedEventAttributes?.failure?.message;
          if (failure !== undefined) throw new Error(`${name} cannot continue on the current code: ${failure}`);
          return (await handle.describe()).status.name === 'RUNNING' ? null : true;
        },
        90_000,
      );
      assert.equal(await handle.result(), 'imported', `${name} imported`);
      const record = await mongo.collections.imports.findOne({ _id: importId });
      assert.equal(record?.status, 'imported', `${name} has its final status in the import log`);
      const buildIds = await buildIdsOf(workflowId);
      assert.equal(buildIds[0], previousBuildId, `${name} started on the previous code`);
      assert.equal(buildIds.at(-1), currentBuildId, `${name} finished on the current code`);
    }

    const { appointments, cars, parties } = mongo.collections;
    const byDms = async (dmsNumber: string) => appointments.findOne({ garageId: garage.id, dmsNumber });
    assert.equal(await appointments.countDocuments({ garageId: garage.id }), 3);
    assert.equal((await byDms('184467'))?.woNumber, 'WO-24-01873');
    assert.ok((await byDms('184470')) !== null);
    assert.ok((await byDms('184490')) !== null);
    const suspicious = await mongo.collections.imports.findOne({ _id: started[2]?.importId ?? '' });
    assert.deepEqual(
      suspicious?.warnings.map((warning) => warning.code).filter((code) => code === 'suspicious_date'),
      ['suspicious_date'],
    );
    const registrations = (await cars.find({ garageId: garage.id }).toArray()).map((car) => car.registration).sort();
    assert.ok(registrations.includes('GB-123-X') && registrations.includes('K-123-BB'), registrations.join(', '));
    assert.equal(await parties.countDocuments({ garageId: garage.id, dmsPartyId: 'C-1001' }), 1);
    assert.deepEqual([...((await parties.findOne({ garageId: garage.id, dmsPartyId: 'L-77' }))?.roles ?? [])].sort(), [
      'contractor',
      'owner',
    ]);
  });
});
