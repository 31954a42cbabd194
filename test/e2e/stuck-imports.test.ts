import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import type { ImportActivities } from '../../src/activities/import-activities.js';
import { createKeyring } from '../../src/crypto/keyring.js';
import { createLogger } from '../../src/logging/logger.js';
import { startWorker, type RunningWorker } from '../../src/main/start-worker.js';
import { sealText } from '../../src/store/encrypted-text.js';
import type { ImportDocument } from '../../src/store/documents.js';
import { sweepStuckImports } from '../../src/operator/sweep-stuck-imports.js';
import { workflowStateOf } from '../../src/temporal/workflow-state.js';
import { fixtureObject } from '../support/fixtures.js';
import { startPipeline, workflowBundle, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitFor, waitForImportFinished } from '../support/wait-for.js';

// A short bound and a fast sweep, so the worker's own sweeper acts within the test.
const stuckAfterMs = 2_000;
let pipeline: Pipeline;
let connection: Connection;
let client: Client;
const workers: RunningWorker[] = [];

before(async () => {
  pipeline = await startPipeline(testSetup({ STUCK_IMPORT_AFTER_SECONDS: '2', STUCK_IMPORT_SWEEP_SECONDS: '0.5' }));
  connection = await Connection.connect({ address: pipeline.config.temporal.address });
  client = new Client({ connection, namespace: pipeline.config.temporal.namespace });
});
after(async () => {
  for (const worker of workers) await worker.close();
  await connection?.close();
  await pipeline?.close();
});

const operatorToken = () => pipeline.config.operatorTokens.find((entry) => entry.name === 'operator')?.token ?? '';

// The database "down" for this worker: the upsert fails on every attempt and Temporal retries it without limit.
const databaseDown: Partial<ImportActivities> = {
  upsertDocuments: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:27017')),
};

async function startWorkerWith(overrides: Partial<ImportActivities>): Promise<RunningWorker> {
  const { code } = await workflowBundle();
  const worker = await startWorker(pipeline.config, createLogger({ level: 'silent', name: 'stuck' }), {
    workflows: { workflowBundle: { code } },
    activityOverrides: overrides,
  });
  workers.push(worker);
  return worker;
}

/** An import log record left accepted for a workflow that may not exist, with the support retries given. */
async function recordAccepted(
  importId: string,
  workflowId: string,
  receivedAt: Date,
  attempts: ImportDocument['attempts'] = [],
): Promise<void> {
  const keyring = createKeyring(pipeline.config.encryptionKeys);
  await pipeline.mongo.collections.imports.insertOne({
    _id: importId,
    garageId: pipeline.otherGarage.id,
    workflowId,
    runId: 'no-such-run',
    messageId: importId,
    bodySha256: '0'.repeat(64),
    dmsNumber: '700001',
    woNumber: null,
    registration: null,
    event: 'appointment.upsert',
    sentAt: null,
    receivedAt,
    requestId: null,
    rawBody: sealText(keyring, JSON.stringify(fixtureObject('valid-full'))),
    status: 'accepted',
    issues: [],
    warnings: [],
    attempts,
    finishedAt: null,
    documents: null,
  });
}

describe('imports left accepted', () => {
  it('when an import waits out a database outage, then the sweeper leaves it alone; once its workflow is terminated by hand, the sweeper marks it failed in plain words and a retry imports it', async () => {
    await pipeline.worker.close();
    const waiting = await startWorkerWith(databaseDown);
    const body = fixtureObject('valid-full');
    body['messageId'] = `stuck-${pipeline.garage.id}`;
    const answer = await sendPush(pipeline.receiver.url, JSON.stringify(body), { garage: pipeline.garage });
    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    const importId = String(answer.json['importId']);
    const recorded = await waitFor('the push to be recorded', () =>
      pipeline.mongo.collections.imports.findOne({ _id: importId }),
    );

    // Past the bound and several sweeps later, the import is still the running workflow's to finish.
    await sleep(stuckAfterMs + 2_000);
    const handle = client.workflow.getHandle(recorded.workflowId);
    assert.equal((await handle.describe()).status.name, 'RUNNING');
    const meanwhile = await pipeline.mongo.collections.imports.findOne({ _id: importId });
    assert.equal(meanwhile?.status, 'accepted', 'a running import is not marked');
    assert.equal(meanwhile?.finishedAt, null);

    await handle.terminate('terminated by hand in a test');
    const record = await waitForImportFinished(pipeline.mongo.collections, importId, 15_000);
    assert.equal(record.status, 'failed');
    assert.ok(record.finishedAt instanceof Date, 'the import has a finishing time');
    assert.deepEqual(
      record.issues.map((issue) => [issue.path, issue.code]),
      [['workflow', 'import_interrupted']],
    );
    assert.match(record.issues[0]?.message ?? '', /its workflow ended as terminated/);
    const detail = await fetch(`${pipeline.receiver.operatorUrl}/api/v1/imports/${importId}`, {
      headers: { Authorization: `Bearer ${operatorToken()}` },
    });
    const view = (await detail.json()) as { statusInWords: string };
    assert.match(view.statusInWords, /interrupted before it finished/);

    await waiting.close();
    await startWorkerWith({});
    const retry = await fetch(`${pipeline.receiver.operatorUrl}/api/v1/imports/${importId}/retry`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${operatorToken()}` },
    });
    assert.equal(retry.status, 202, await retry.text());
    const imported = await waitFor('the retried import to be imported', () =>
      pipeline.mongo.collections.imports.findOne({ _id: importId, status: 'imported' }),
    );
    assert.deepEqual(imported.issues, []);
    assert.equal(await pipeline.mongo.collections.appointments.countDocuments({ garageId: pipeline.garage.id }), 1);
  });

  it('when Temporal has no history of an import left accepted, then the sweeper marks it failed, saying so', async () => {
    const importId = `lost-${pipeline.otherGarage.id}`;
    await recordAccepted(
      importId,
      `carsys-import/${pipeline.otherGarage.id}/never-started`,
      new Date(Date.now() - 3_600_000),
    );
    const record = await waitForImportFinished(pipeline.mongo.collections, importId, 15_000);
    assert.equal(record.status, 'failed');
    assert.match(record.issues[0]?.message ?? '', /Temporal no longer knows its workflow/);
  });

  it('when a support retry left an import accepted and its workflow is gone, then the sweeper looks at the retry and marks it', async () => {
    const importId = `lost-retry-${pipeline.otherGarage.id}`;
    const workflowId = `carsys-import/${pipeline.otherGarage.id}/lost-retry`;
    await recordAccepted(importId, workflowId, new Date(Date.now() - 7_200_000));
    const attempt = {
      at: new Date(Date.now() - 3_600_000),
      workflowId: `${workflowId}/retry-1`,
      runId: 'r',
      by: 'alice',
    };
    await pipeline.mongo.collections.imports.updateOne({ _id: importId }, { $push: { attempts: attempt } });
    const record = await waitForImportFinished(pipeline.mongo.collections, importId, 15_000);
    assert.equal(record.status, 'failed');
    assert.match(record.issues[0]?.message ?? '', new RegExp(`\\(${workflowId}/retry-1\\)`));
    assert.equal(record.attempts.length, 1, 'the attempt stays on record');
  });

  it('when an import left accepted, or its latest retry, started less than the bound ago, then a sweep does not look at it', async () => {
    // Times far ahead, so the worker's own fast sweeper never finds these old; this sweep's clock is 10 minutes later.
    const startedAt = new Date('2100-01-01T00:00:00Z');
    const { id } = pipeline.otherGarage;
    await recordAccepted(`young-${id}`, `carsys-import/${id}/young`, startedAt);
    const retry = { at: startedAt, workflowId: `carsys-import/${id}/retried/retry-1`, runId: 'r', by: 'alice' };
    await recordAccepted(`retried-${id}`, `carsys-import/${id}/retried`, new Date('2099-01-01T00:00:00Z'), [retry]);
    const report = await sweepStuckImports({
      collections: pipeline.mongo.collections,
      workflowState: workflowStateOf(client),
      stuckAfterMs: 15 * 60_000,
      now: () => new Date(startedAt.getTime() + 10 * 60_000),
    });
    assert.deepEqual(report, { checked: 0, stillRunning: 0, marked: [] });
    const statuses = await pipeline.mongo.collections.imports
      .find({ _id: { $in: [`young-${id}`, `retried-${id}`] } })
      .map((record) => record.status)
      .toArray();
    assert.deepEqual(statuses, ['accepted', 'accepted']);
  });
});
