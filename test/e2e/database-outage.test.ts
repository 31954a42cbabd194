import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { createLogger } from '../../src/logging/logger.js';
import { startReceiver } from '../../src/main/start-receiver.js';
import { silentProgress, startService, stopService, type ServiceOptions } from '../../tools/dev-services/index.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { serviceEnv, testSetup } from '../support/test-env.js';
import { waitFor } from '../support/wait-for.js';

// This file stops and starts a FerretDB of its own (its own port and data folder), so the other test files keep
// theirs; Temporal is the shared test server.
let pipeline: Pipeline | undefined;
let ferretdb: ServiceOptions;
let dataDir: string;
const previousDataDir = process.env['CLAIRE_DATA_DIR'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function withOwnDataDir<T>(work: () => Promise<T>): Promise<T> {
  process.env['CLAIRE_DATA_DIR'] = dataDir;
  try {
    return await work();
  } finally {
    if (previousDataDir === undefined) delete process.env['CLAIRE_DATA_DIR'];
    else process.env['CLAIRE_DATA_DIR'] = previousDataDir;
  }
}

const startDatabase = () => withOwnDataDir(() => startService('ferretdb', ferretdb));
const stopDatabase = () => withOwnDataDir(() => stopService('ferretdb', { progress: silentProgress }));

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'carsys-database-outage-'));
  ferretdb = {
    ferretdbPort: await freePort(),
    ferretdbDebugPort: await freePort(),
    readyTimeoutMs: 60_000,
    progress: silentProgress,
  };
  await startDatabase();
  pipeline = await startPipeline(
    testSetup({ ...serviceEnv, MONGODB_URL: `mongodb://127.0.0.1:${ferretdb.ferretdbPort}/` }),
  );
});

after(async () => {
  await startDatabase().catch(() => undefined);
  await pipeline?.close();
  await stopDatabase().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

function push(dmsNumber: string): string {
  return JSON.stringify({
    messageId: randomUUID(),
    sentAt: new Date().toISOString(),
    appointment: { dmsNumber, appointmentDate: '01-12-2026 08:30' },
    car: { vin: 'WVWZZZ1KZAW000001', driverId: 'C-1' },
    parties: [{ id: 'C-1', lastName: 'de Vries' }],
  });
}

describe('when the database is stopped, the receiver still accepts every authentic push (rule 1)', () => {
  it('then pushes are 202, resends 200, a forged push 401, and once the database is back each imports once', async () => {
    assert.ok(pipeline);
    const { receiver, garage, mongo } = pipeline;
    const bodies = Array.from({ length: 8 }, (_, index) => push(`OUT-${index}`));

    await stopDatabase();
    const ready = await fetch(`${receiver.url}/readyz`);
    assert.equal(ready.status, 503, 'readiness says the database is away');

    const started = Date.now();
    const first = await Promise.all(bodies.map((body) => sendPush(receiver.url, body, { garage })));
    const resent = await Promise.all(bodies.slice(0, 4).map((body) => sendPush(receiver.url, body, { garage })));
    const forged = await sendPush(receiver.url, push('OUT-forged'), { garage, secret: 'not-the-garage-secret' });
    const answeredInMs = Date.now() - started;

    assert.deepEqual(
      first.map((answer) => answer.status),
      bodies.map(() => 202),
      JSON.stringify(first.map((answer) => answer.json)),
    );
    assert.deepEqual(
      resent.map((answer) => [answer.status, answer.json['status']]),
      resent.map(() => [200, 'duplicate']),
    );
    assert.equal(forged.status, 401, 'a refusal is answered at once, although it cannot be logged yet');
    assert.ok(answeredInMs < 10_000, `all answers took ${answeredInMs} ms with the database down`);

    // A receiver (re)started during the outage listens and accepts too: it does not wait for the database.
    const restarted = await startReceiver(pipeline.config, createLogger({ level: 'silent', name: 'late-receiver' }));
    let late;
    try {
      late = await sendPush(restarted.url, push('OUT-late'), { garage });
    } finally {
      await restarted.close();
    }
    assert.equal(late.status, 202, JSON.stringify(late.json));

    await startDatabase();
    const importIds = [...first, late].map((answer) => String(answer.json['importId']));
    await waitFor(
      'every import to finish after the database came back',
      async () => {
        const finished = await mongo.collections.imports
          .countDocuments({ _id: { $in: importIds }, status: 'imported' })
          .catch(() => 0);
        return finished === importIds.length ? finished : null;
      },
      120_000,
    );
    assert.equal(await mongo.collections.imports.countDocuments({ garageId: garage.id }), bodies.length + 1);
    const appointments = await mongo.collections.appointments.find({ garageId: garage.id }).toArray();
    assert.deepEqual(appointments.map((appointment) => appointment.dmsNumber).sort(), [
      'OUT-0',
      'OUT-1',
      'OUT-2',
      'OUT-3',
      'OUT-4',
      'OUT-5',
      'OUT-6',
      'OUT-7',
      'OUT-late',
    ]);
    assert.equal(await mongo.collections.cars.countDocuments({ garageId: garage.id }), 1, 'one shared car');
    assert.equal(await mongo.collections.parties.countDocuments({ garageId: garage.id }), 1, 'one shared party');

    // The refusal waited in the receiver's buffer and reaches the rejection log once the database is back.
    await waitFor(
      'the refused push to reach the rejection log',
      () =>
        mongo.db
          .collection('rejection_counts')
          .findOne({ garageIdClaimed: garage.id, code: 'invalid_signature' })
          .catch(() => null),
      30_000,
    );
  });
});

describe('when the database stays down while an import waits in its first step', () => {
  it('then its history stops growing once the step moves to a regular activity, and it imports once the database is back', async () => {
    assert.ok(pipeline);
    const { receiver, garage, mongo, config } = pipeline;
    const connection = await Connection.connect({ address: config.temporal.address });
    try {
      const handle = (workflowId: string) => new Client({ connection }).workflow.getHandle(workflowId);
      await stopDatabase();
      const answer = await sendPush(receiver.url, push('OUT-long'), { garage });
      assert.equal(answer.status, 202, JSON.stringify(answer.json));
      const workflow = handle(String(answer.json['workflowId']));
      const historyLength = async () => Number((await workflow.describe()).raw.workflowExecutionInfo?.historyLength);

      // The local step has three attempts; a local step retrying without limit would add three events every 8 s instead.
      const durable = await waitFor(
        'deduplicatePush to wait as a regular activity',
        async () => {
          const pending = (await workflow.describe()).raw.pendingActivities ?? [];
          return pending.find((activity) => activity.activityType?.name === 'deduplicatePush') ?? null;
        },
        60_000,
      );
      assert.ok(durable.activityId, 'a pending regular activity');
      const whenItMoved = await historyLength();
      await new Promise((resolve) => setTimeout(resolve, 40_000));
      const fortySecondsLater = await historyLength();
      assert.equal(fortySecondsLater, whenItMoved, 'the history did not grow while the step kept retrying');
      const attempts = (await workflow.describe()).raw.pendingActivities?.[0]?.attempt ?? 0;
      assert.ok(attempts >= 3, `the regular activity kept retrying (attempt ${attempts})`);

      await startDatabase();
      const importId = String(answer.json['importId']);
      const record = await waitFor(
        'the waiting import to finish',
        () => mongo.collections.imports.findOne({ _id: importId, status: 'imported' }).catch(() => null),
        120_000,
      );
      assert.equal(record.status, 'imported');
      const events = (await workflow.fetchHistory()).events ?? [];
      // An import that never waited has 16 events; the wait added the local attempts' heartbeats and the activity.
      assert.ok(events.length <= 40, `${events.length} events in the history of the import that waited`);
      assert.equal(
        await mongo.collections.appointments.countDocuments({ garageId: garage.id, dmsNumber: 'OUT-long' }),
        1,
      );
    } finally {
      await startDatabase().catch(() => undefined);
      await connection.close();
    }
  });
});
