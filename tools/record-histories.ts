// `npm run record:histories`: records one import workflow history per path into test/replay/histories/, from the
// real workflow on the local services with the real worker, for the replay test. Run it on purpose, never in CI:
// new histories replace the old ones (docs/versioning.md says when).
import { writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { ensureServiceBinaries, startServices } from './dev-services/index.js';
import type { ImportActivities } from '../src/activities/import-activities.js';
import { createActivities, createUpsertDocuments } from '../src/activities/import-activities.js';
import { createKeyring } from '../src/crypto/keyring.js';
import { vouchFor } from '../src/crypto/voucher.js';
import { createLogger } from '../src/logging/logger.js';
import { startWorker, type RunningWorker } from '../src/main/start-worker.js';
import { importWorkflowType } from '../src/temporal/start-import.js';
import { databaseOutage } from '../test/support/database-outage.js';
import { fixtureObject, readFixture } from '../test/support/fixtures.js';
import { receiverRequestFor } from '../test/support/receiver-request.js';
import { startPipeline, workflowBundle } from '../test/support/pipeline.js';
import { sendPush } from '../test/support/push-client.js';
import { testSetup } from '../test/support/test-env.js';
import { waitFor, waitForImportFinished } from '../test/support/wait-for.js';
import {
  historiesFolder,
  personalDataIn,
  personalValues,
  readRecordedHistories,
  recordedPaths,
  replayDataConverter,
  replayEncryptionKeys,
  type RecordedPath,
} from '../test/replay/recorded-histories.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const previousWorkflows = fileURLToPath(new URL('../test/fixtures/previous-workflow/index.ts', import.meta.url));
const beforePatchFolder = `${historiesFolder}before-final-status-on-unplanned-failure/`;
const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} };

await ensureServiceBinaries();
const services = await startServices();
const setup = testSetup({
  TEMPORAL_ADDRESS: services.temporalAddress,
  MONGODB_URL: services.mongoUrl,
  ENCRYPTION_KEYS: JSON.stringify(replayEncryptionKeys),
});
const pipeline = await startPipeline(setup);
const connection = await Connection.connect({ address: setup.config.temporal.address });
const client = new Client({ connection, dataConverter: replayDataConverter() });
const { garage, config } = setup;
const extraWorkers: RunningWorker[] = [];
const recorded = new Map<RecordedPath, string>();

async function record(path: RecordedPath, workflowId: string, folder = historiesFolder): Promise<void> {
  const handle: WorkflowHandle = client.workflow.getHandle(workflowId);
  await waitFor(`${workflowId} to close`, async () =>
    (await handle.describe()).status.name === 'RUNNING' ? null : true,
  );
  // Stack traces name files by absolute path; only the path inside the repository is worth keeping.
  const json = historyToJSON(await handle.fetchHistory()).replaceAll(repoRoot, '');
  await writeFile(`${folder}${path}.json`, `${json}\n`);
  if (folder === historiesFolder) recorded.set(path, workflowId);
  console.log(`recorded ${path}: ${workflowId}`);
}

function variant(name: string, change: (body: Record<string, unknown>) => void): string {
  const body = fixtureObject(name);
  change(body);
  return JSON.stringify(body);
}

async function push(text: string): Promise<{ importId: string; workflowId: string }> {
  const answer = await sendPush(pipeline.receiver.url, text, { garage });
  if (answer.status !== 202) throw new Error(`push answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  return { importId: String(answer.json['importId']), workflowId: String(answer.json['workflowId']) };
}

async function expectStatus(importId: string, status: string): Promise<void> {
  const record = await waitForImportFinished(pipeline.mongo.collections, importId, 120_000);
  if (record.status !== status) throw new Error(`import ${importId} is ${record.status}, expected ${status}`);
}

async function startSpecialWorker(
  overrides: Partial<ImportActivities>,
  code: string | undefined = undefined,
): Promise<RunningWorker> {
  code ??= (await workflowBundle()).code;
  const worker = await startWorker(config, createLogger({ level: 'silent', name: 'recorder' }), {
    workflows: { workflowBundle: { code } },
    activityOverrides: overrides,
  });
  extraWorkers.push(worker);
  return worker;
}

// The request the receiver builds for a push, for the one path the receiver itself never starts twice.
const importRequest = (rawBody: string) => receiverRequestFor(garage.id, rawBody);

try {
  await mkdir(historiesFolder, { recursive: true });

  const first = readFixture('valid-full');
  const imported = await push(first);
  await expectStatus(imported.importId, 'imported');
  await record('imported', imported.workflowId);

  // A second workflow for a push the log already finished: two receivers racing, or a start after retention.
  const again = importRequest(first);
  const duplicateId = `${again.workflowId}/again`;
  await client.workflow.start(importWorkflowType, {
    workflowId: duplicateId,
    taskQueue: config.temporal.taskQueue,
    // Vouched for as the receiver does: an unvouched start would be refused as forged, another path.
    args: [
      {
        ...again.request,
        voucher: vouchFor(createKeyring(config.encryptionKeys), { ...again.request, workflowId: duplicateId }),
      },
    ],
  });
  await record('skipped-duplicate', duplicateId);

  const stale = await push(
    variant('valid-full', (body) => {
      body['messageId'] = 'replay-stale';
      body['sentAt'] = '2026-11-27T08:15:02+01:00';
      (body['appointment'] as Record<string, unknown>)['woNumber'] = 'WO-24-00001';
    }),
  );
  await expectStatus(stale.importId, 'skipped_stale');
  await record('skipped-stale', stale.workflowId);

  await pipeline.mongo.collections.appointments.updateOne(
    { garageId: garage.id, dmsNumber: '184467' },
    { $set: { status: 'work_started' } },
  );
  const workStarted = await push(
    variant('valid-full', (body) => {
      body['messageId'] = 'replay-work-started';
      body['sentAt'] = '2026-11-27T10:15:02+01:00';
    }),
  );
  await expectStatus(workStarted.importId, 'skipped_work_started');
  await record('skipped-work-started', workStarted.workflowId);

  const invalid = await push(readFixture('invalid-fields'));
  await expectStatus(invalid.importId, 'failed');
  await record('failed-validation', invalid.workflowId);

  // The writing step's database is down when the push arrives, and comes back after a few attempts.
  await pipeline.worker.close();
  const outage = await databaseOutage(config.mongo);
  try {
    const outageActivities = {
      upsertDocuments: createUpsertDocuments({
        collections: outage.collections,
        garages: config.garages,
        clock: () => new Date(),
      }),
    };
    const outageWorker = await startSpecialWorker({ upsertDocuments: outageActivities.upsertDocuments });
    await outage.goDown();
    const held = await push(readFixture('valid-lease-car'));
    await waitFor(
      'the upsert to fail three times',
      async () => {
        const pending = (await client.workflow.getHandle(held.workflowId).describe()).raw.pendingActivities ?? [];
        return pending.some((activity) => (activity.attempt ?? 0) >= 3) ? true : null;
      },
      60_000,
    );
    await outage.comeBack();
    await expectStatus(held.importId, 'imported');
    await record('database-outage', held.workflowId);
    await outageWorker.close();
  } finally {
    await outage.close();
  }

  // The import log's database is down for longer than its local step's three attempts, so the step goes on as a regular
  // activity (bounded-import-log-steps), and the database comes back after a few of its attempts.
  const logOutage = await databaseOutage(config.mongo);
  try {
    const { deduplicatePush } = createActivities({
      collections: logOutage.collections,
      garages: config.garages,
      keyring: createKeyring(config.encryptionKeys),
      clock: () => new Date(),
      rejections: { record: () => Promise.resolve() },
      unvouchedImportsUntil: config.unvouchedImportsUntil,
    });
    const logOutageWorker = await startSpecialWorker({ deduplicatePush });
    await logOutage.goDown();
    const held = await push(
      variant('valid-lease-car', (body) => {
        body['messageId'] = 'replay-import-log-outage';
        body['sentAt'] = '2026-11-28T08:00:00+01:00';
      }),
    );
    await waitFor(
      'deduplicatePush to fail twice as a regular activity',
      async () => {
        const pending = (await client.workflow.getHandle(held.workflowId).describe()).raw.pendingActivities ?? [];
        return pending.some(
          (activity) => activity.activityType?.name === 'deduplicatePush' && (activity.attempt ?? 0) >= 2,
        )
          ? true
          : null;
      },
      90_000,
    );
    await logOutage.comeBack();
    await expectStatus(held.importId, 'imported');
    await record('import-log-outage', held.workflowId);
    await logOutageWorker.close();
  } finally {
    await logOutage.close();
  }

  // A step with a bug nobody planned for runs out of retries; after the fix support retries the import.
  const broken = await startSpecialWorker({
    validateAndMapPush: () => Promise.reject(new Error('mapping bug: interventions[0] has no price table')),
  });
  const unplanned = await push(readFixture('suspicious-date'));
  await expectStatus(unplanned.importId, 'failed');
  await record('unplanned-failure', unplanned.workflowId);
  await broken.close();
  await startSpecialWorker({});
  const operator = config.operatorTokens.find((entry) => entry.scopes.includes('retry'));
  const retry = await fetch(`${pipeline.receiver.operatorUrl}/api/v1/imports/${unplanned.importId}/retry`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${operator?.token ?? ''}` },
  });
  if (retry.status !== 202) throw new Error(`retry answered ${retry.status}: ${await retry.text()}`);
  const { workflowId: retryId } = (await retry.json()) as { workflowId: string };
  await waitFor(
    'the retried import to be imported',
    () => pipeline.mongo.collections.imports.findOne({ _id: unplanned.importId, status: 'imported' }),
    60_000,
  );
  await record('support-retry', retryId);

  // Paths whose commands a patch changed, recorded on the code before the patch: the current code must replay them.
  await Promise.all(extraWorkers.splice(0).map((worker) => worker.close()));
  await mkdir(beforePatchFolder, { recursive: true });
  const previous = await bundleWorkflowCode({ workflowsPath: previousWorkflows, logger: quiet });
  const previousWorker = await startSpecialWorker({}, previous.code);
  const previousImport = await push(
    variant('valid-lease-car', (body) => {
      body['messageId'] = 'replay-previous';
      body['sentAt'] = '2026-11-28T09:00:00+01:00';
    }),
  );
  await expectStatus(previousImport.importId, 'imported');
  await record('imported', previousImport.workflowId, beforePatchFolder);
  await previousWorker.close();
  await startSpecialWorker(
    { mapPush: () => Promise.reject(new Error('mapping bug: interventions[0] has no price table')) },
    previous.code,
  );
  const previousFailure = await push(variant('valid-lease-car', (body) => (body['messageId'] = 'replay-previous-bug')));
  await record('unplanned-failure', previousFailure.workflowId, beforePatchFolder);

  const missing = recordedPaths.filter((path) => !recorded.has(path));
  if (missing.length > 0) throw new Error(`no history recorded for ${missing.join(', ')}`);
  const values = personalValues();
  const histories = readRecordedHistories();
  for (const history of histories) {
    const found = personalDataIn(history, values);
    if (found.length > 0) throw new Error(`${history.name} holds personal data in clear text: ${found.join(', ')}`);
  }
  console.log(`${histories.length} histories in ${historiesFolder}, none with personal data in clear text`);
} finally {
  for (const worker of extraWorkers) await worker.close();
  await connection.close();
  await pipeline.close();
}
