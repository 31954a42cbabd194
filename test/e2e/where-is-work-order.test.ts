import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import type { ImportActivities } from '../../src/activities/import-activities.js';
import { WhereIsAnswer } from '../../src/operator/api/where-is-schema.js';
import { createKeyring } from '../../src/crypto/keyring.js';
import { createLogger } from '../../src/logging/logger.js';
import { startWorker, type RunningWorker } from '../../src/main/start-worker.js';
import { refusalsByGarageAndReason } from '../../src/store/rejections.js';
import { createTemporalClient, type TemporalHandle } from '../../src/temporal/connection.js';
import { artifactPath, launchChromium, temporalUiUrl } from '../support/browser.js';
import { fixtureObject } from '../support/fixtures.js';
import { olderValidation } from '../support/older-validation.js';
import { signInCookie } from '../support/operator-session.js';
import { startPipeline, workflowBundle, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitFor, waitForImportFinished } from '../support/wait-for.js';

const execute = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const run = randomBytes(3).toString('hex');

let pipeline: Pipeline;
let browser: Browser;
let temporal: TemporalHandle;
const workers: RunningWorker[] = [];
const runningWorkflows: string[] = [];

/** The WO number (or DMS number) each case is asked by; every one of them is this run's own. */
const ask = {
  neverArrived: `WO-NEVER-${run}`,
  failedFixable: `WO-FIX-${run}`,
  failedForGood: `WO-BAD-${run}`,
  cancelled: `WO-CANCEL-${run}`,
  suspiciousDms: `SUS-${run}`,
  stale: `WO-STALE-${run}`,
  workStarted: `WO-WORK-${run}`,
  stillImporting: `WO-BUSY-${run}`,
  unrecorded: `WO-UNREC-${run}`,
  imported: `WO-OK-${run}`,
};

const token = (name: 'reader' | 'operator') =>
  pipeline.config.operatorTokens.find((entry) => entry.name === name)?.token ?? '';

function pushBody(
  fixture: string,
  messageId: string,
  appointment: Record<string, string>,
  fields: Record<string, string> = {},
): string {
  const body = fixtureObject(fixture);
  Object.assign(body, { messageId, ...fields });
  Object.assign(body['appointment'] as Record<string, unknown>, appointment);
  return JSON.stringify(body);
}

async function pushAndFinish(body: string, garage = pipeline.garage) {
  const answer = await sendPush(pipeline.receiver.url, body, { garage });
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  return waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
}

async function swapWorker(overrides: Partial<ImportActivities>): Promise<void> {
  for (const worker of [pipeline.worker, ...workers]) await worker.close();
  const { code } = await workflowBundle();
  workers.push(
    await startWorker(pipeline.config, createLogger({ level: 'silent', name: 'where-is' }), {
      workflows: { workflowBundle: { code } },
      activityOverrides: overrides,
    }),
  );
}

// The worker cannot reach the database while it writes the documents: the step fails and Temporal retries it.
const unreachable = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:27017 (database unreachable)'));
const databaseDown: Partial<ImportActivities> = { upsertDocuments: unreachable };
// Nor while it records a new push in the import log, its first step.
const databaseDownFromTheStart: Partial<ImportActivities> = { ...databaseDown, deduplicatePush: unreachable };

before(async () => {
  pipeline = await startPipeline(testSetup({ TEMPORAL_UI_URL: temporalUiUrl() }));
  temporal = createTemporalClient(pipeline.config.temporal, createKeyring(pipeline.config.encryptionKeys));
  const { garage, otherGarage } = pipeline;

  // Never arrived: the other garage pushed something else, and three of its requests were refused.
  await pushAndFinish(
    pushBody('valid-full', `na-${run}`, { dmsNumber: `NA-${run}`, woNumber: `WO-OTHER-${run}` }),
    otherGarage,
  );
  const refusedBody = pushBody('valid-full', `na-refused-${run}`, {
    dmsNumber: `NA2-${run}`,
    woNumber: ask.neverArrived,
  });
  for (const options of [
    { secret: 'a-secret-carsys-was-never-given' },
    { secret: 'a-secret-carsys-was-never-given' },
    { timestamp: String(Math.floor(Date.now() / 1000) - 3_600) },
  ]) {
    const answer = await sendPush(pipeline.receiver.url, refusedBody, { garage: otherGarage, ...options });
    assert.equal(answer.status, 401);
  }
  await waitFor('the three refusals in the rejection log', async () => {
    const counts = await refusalsByGarageAndReason(pipeline.mongo.db, {
      garageId: otherGarage.id,
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 60_000),
    });
    return counts.reduce((sum, count) => sum + count.count, 0) === 3 ? true : null;
  });

  // The same WO number from another garage: the never-arrived answer points at it.
  await pushAndFinish(
    pushBody('valid-full', `elsewhere-${run}`, { dmsNumber: `EL-${run}`, woNumber: ask.neverArrived }),
    garage,
  );

  // Imported, nothing wrong; cancelled; suspicious date; an older version skipped; work started.
  await pushAndFinish(pushBody('valid-full', `ok-${run}`, { dmsNumber: `OK-${run}`, woNumber: ask.imported }));
  await pushAndFinish(pushBody('valid-full', `cu-${run}`, { dmsNumber: `CA-${run}`, woNumber: ask.cancelled }));
  await pushAndFinish(pushBody('cancel', `cc-${run}`, { dmsNumber: `CA-${run}`, woNumber: ask.cancelled }));
  const suspicious = await pushAndFinish(
    pushBody('suspicious-date', `sd-${run}`, {
      dmsNumber: ask.suspiciousDms,
      woNumber: `WO-SUS-${run}`,
      appointmentDate: '12-03-2026 08:00',
    }),
  );
  assert.ok(suspicious.warnings.some((warning) => warning.code === 'suspicious_date'));
  const stale = { dmsNumber: `ST-${run}`, woNumber: ask.stale };
  await pushAndFinish(pushBody('valid-full', `st-new-${run}`, stale, { sentAt: '2026-11-27T10:00:00+01:00' }));
  const skipped = await pushAndFinish(
    pushBody('valid-full', `st-old-${run}`, stale, { sentAt: '2026-11-27T09:00:00+01:00' }),
  );
  assert.equal(skipped.status, 'skipped_stale');
  const started = { dmsNumber: `WS-${run}`, woNumber: ask.workStarted };
  const first = await pushAndFinish(pushBody('valid-full', `ws-1-${run}`, started));
  await pipeline.mongo.collections.appointments.updateOne(
    { _id: first.documents?.appointmentId ?? '' },
    { $set: { status: 'work_started' } },
  );
  const blocked = await pushAndFinish(
    pushBody('valid-full', `ws-2-${run}`, started, { sentAt: '2026-11-27T11:00:00+01:00' }),
  );
  assert.equal(blocked.status, 'skipped_work_started');
  await pushAndFinish(
    pushBody('invalid-fields', `bad-${run}`, { dmsNumber: `BAD-${run}`, woNumber: ask.failedForGood }),
  );

  // Failed under the older code, which did not read 3-2-2027: the current code would import it.
  await swapWorker(olderValidation);
  const fixable = await pushAndFinish(
    pushBody('valid-lease-car', `fix-${run}`, {
      dmsNumber: `FIX-${run}`,
      woNumber: ask.failedFixable,
      appointmentDate: '3-2-2027 9:30',
    }),
  );
  assert.equal(fixable.status, 'failed');

  // Still importing: the upsert retries while the worker cannot reach the database.
  await swapWorker(databaseDown);
  const busy = await sendPush(
    pipeline.receiver.url,
    pushBody('valid-full', `busy-${run}`, { dmsNumber: `BUSY-${run}`, woNumber: ask.stillImporting }),
    { garage },
  );
  assert.equal(busy.status, 202);
  runningWorkflows.push(String(busy.json['workflowId']));
  await waitFor(
    'the upsert to have failed at least once',
    async () => {
      const described = await temporal.client.workflow.getHandle(String(busy.json['workflowId'])).describe();
      const [pending] = described.raw.pendingActivities ?? [];
      return pending?.lastFailure?.message !== undefined && (pending.attempt ?? 0) >= 2 ? true : null;
    },
    20_000,
  );

  // Received, but never recorded: the import log is unreachable from its very first step.
  await swapWorker(databaseDownFromTheStart);
  const unrecorded = await sendPush(
    pipeline.receiver.url,
    pushBody('valid-full', `unrec-${run}`, { dmsNumber: `UNREC-${run}`, woNumber: ask.unrecorded }),
    { garage },
  );
  assert.equal(unrecorded.status, 202);
  runningWorkflows.push(String(unrecorded.json['workflowId']));
  await waitFor('the unrecorded push in the visibility store', async () => {
    const listed = temporal.client.workflow.list({
      query: `WorkflowId = "${String(unrecorded.json['workflowId'])}" AND ExecutionStatus = "Running"`,
    });
    for await (const execution of listed) return execution;
    return null;
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const workflowId of runningWorkflows) {
    await temporal?.client.workflow
      .getHandle(workflowId)
      .terminate('test finished')
      .catch(() => undefined);
  }
  await temporal?.connection.close();
  for (const worker of workers) await worker.close();
  await pipeline?.close();
});

async function whereIs(number: string, garageId = pipeline.garage.id, as: 'reader' | 'operator' = 'reader') {
  const query = new URLSearchParams({ garageId, number });
  const response = await fetch(`${pipeline.receiver.operatorUrl}/api/v1/where-is?${query.toString()}`, {
    headers: { Authorization: `Bearer ${token(as)}` },
  });
  const json: unknown = await response.json();
  assert.equal(response.status, 200, JSON.stringify(json));
  // The answer is what the OpenAPI description says it is.
  return WhereIsAnswer.parse(json);
}

describe('where is my work order: the import API', () => {
  it('when nothing with the number arrived, then it says never arrived, the last push, and the refusals by reason', async () => {
    const answer = await whereIs(ask.neverArrived, pipeline.otherGarage.id);
    assert.equal(answer.case, 'never_arrived');
    assert.equal(answer.appointments.length, 0);
    assert.ok(answer.lastPushAt !== null);
    assert.equal(answer.refused.total, 3);
    assert.deepEqual(
      answer.refused.byReason.map((group) => [group.code, group.count]),
      [
        ['invalid_signature', 2],
        ['timestamp_out_of_tolerance', 1],
      ],
    );
    assert.match(answer.inWords, /^Never arrived: .*2 × bad signature.*1 × old or future timestamp.*misconfigured/);
    assert.deepEqual(answer.otherGarages, [pipeline.garage.id]);
    assert.match(answer.inWords, new RegExp(`did arrive from garage ${pipeline.garage.id}`));
  });

  it('when the workflow runs but its first step could not record the push, then it is still importing', async () => {
    const answer = await whereIs(ask.unrecorded);
    assert.equal(answer.case, 'still_importing');
    assert.equal(answer.appointments.length, 0);
    assert.equal(answer.unrecorded.length, 1);
    assert.equal(answer.unrecorded[0]?.workflowId, runningWorkflows[1]);
    assert.equal(answer.unrecorded[0]?.progress?.known, true);
    assert.match(answer.inWords, /not yet recorded it in the import log/);
  });

  it('when the newest push failed but the current code reads it, then it says why by field and that a retry would succeed', async () => {
    const answer = await whereIs(ask.failedFixable, pipeline.garage.id, 'operator');
    const [only] = answer.appointments;
    assert.equal(answer.case, 'failed');
    assert.ok(only?.case === 'failed');
    assert.deepEqual(
      only.issues.map((issue) => issue.path),
      ['appointment.appointmentDate'],
    );
    assert.equal(only.retry?.wouldSucceed, true);
    assert.match(answer.inWords, /A retry would now succeed/);
    const record = await pipeline.mongo.collections.imports.findOne({ _id: only.decisive.importId });
    assert.equal(record?.status, 'failed', 'the dry run wrote nothing');
    assert.equal(record?.attempts.length, 0);
  });

  it('when the push breaks the current rules too, then a retry would fail again, with the fields', async () => {
    const answer = await whereIs(ask.failedForGood);
    const [only] = answer.appointments;
    assert.ok(only?.case === 'failed');
    assert.equal(only.retry?.wouldSucceed, false);
    assert.ok((only.retry?.issues.length ?? 0) >= 1);
    assert.match(answer.inWords, /A retry would fail again/);
  });

  it('when the appointment was cancelled, then it says so and which push cancelled it', async () => {
    const answer = await whereIs(ask.cancelled);
    const [only] = answer.appointments;
    assert.equal(answer.case, 'cancelled');
    assert.ok(only?.case === 'cancelled');
    assert.equal(only.cancelledBy?.event, 'appointment.cancel');
    assert.equal(only.pushes.length, 2);
  });

  it('when asked by DMS number for a suspicious date, then both dates and the swapped date are given', async () => {
    const answer = await whereIs(ask.suspiciousDms);
    const [only] = answer.appointments;
    assert.equal(answer.case, 'suspicious_date');
    assert.ok(only?.case === 'suspicious_date');
    assert.equal(only.appointmentAt, '2026-03-12T07:00:00.000Z');
    assert.equal(only.createdInDmsAt, '2026-11-27T10:58:00.000Z');
    assert.equal(only.swappedAppointmentAt, '2026-12-03T07:00:00.000Z');
  });

  it('when an older version was skipped, then the newer one already there is named', async () => {
    const answer = await whereIs(ask.stale);
    const [only] = answer.appointments;
    assert.equal(answer.case, 'skipped_stale');
    assert.ok(only?.case === 'skipped_stale');
    assert.equal(only.decisive.sentAt, '2026-11-27T08:00:00.000Z');
    assert.equal(only.newer?.sentAt, '2026-11-27T09:00:00.000Z');
    assert.match(answer.inWords, new RegExp(`import ${only.newer?.importId ?? 'missing'}`));
  });

  it('when work had started, then it says the update was skipped and the Claire status', async () => {
    const answer = await whereIs(ask.workStarted);
    assert.equal(answer.case, 'skipped_work_started');
    assert.ok(answer.appointments[0]?.case === 'skipped_work_started');
    assert.equal(answer.appointments[0].claireStatus, 'work_started');
  });

  it('when the import is still running, then it says since when and that the upsert retries on a database error', async () => {
    const answer = await whereIs(ask.stillImporting);
    const [only] = answer.appointments;
    assert.equal(answer.case, 'still_importing');
    assert.ok(only?.case === 'still_importing' && only.progress?.known === true);
    const [step] = only.progress.pendingSteps;
    assert.equal(step?.activity, 'upsertDocuments');
    assert.ok((step?.attempt ?? 0) >= 2);
    assert.match(step?.lastFailure ?? '', /ECONNREFUSED/);
    assert.match(
      answer.inWords,
      /waits on step upsertDocuments, attempt \d+\. The last attempt failed with "connect ECONNREFUSED/,
    );
  });

  it('when it was imported with nothing wrong, then it says imported and for which day', async () => {
    const answer = await whereIs(ask.imported);
    assert.equal(answer.case, 'imported');
    assert.match(answer.inWords, /for 1 Dec 2026, 08:30 \(Amsterdam\)/);
  });

  it('when the number is missing, or no token is given, then it answers 400 by field, or 401', async () => {
    const missing = await fetch(`${pipeline.receiver.operatorUrl}/api/v1/where-is?garageId=${pipeline.garage.id}`, {
      headers: { Authorization: `Bearer ${token('reader')}` },
    });
    assert.equal(missing.status, 400);
    const body = (await missing.json()) as { error: { code: string; issues: { path: string }[] } };
    assert.equal(body.error.code, 'invalid_request');
    assert.deepEqual(
      body.error.issues.map((issue) => issue.path),
      ['number'],
    );
    const anonymous = await fetch(`${pipeline.receiver.operatorUrl}/api/v1/where-is?garageId=g&number=1`);
    assert.equal(anonymous.status, 401);
  });

  it('when the OpenAPI description is read, then it documents the question and the answer', async () => {
    const document = (await (await fetch(`${pipeline.receiver.operatorUrl}/openapi.json`)).json()) as {
      paths: Record<string, { get?: { parameters: { name: string; required: boolean }[] } }>;
      components: { schemas: Record<string, unknown> };
    };
    const parameters = document.paths['/api/v1/where-is']?.get?.parameters ?? [];
    assert.deepEqual(
      parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      ['garageId', 'number'],
    );
    assert.ok(document.components.schemas['WhereIsAnswer']);
  });
});

/** Runs `npm run imports -- where ...` as an on-call engineer would. */
async function cli(...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await execute(process.execPath, ['--import', 'tsx', 'src/main/imports-cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, IMPORTS_API_URL: pipeline.receiver.operatorUrl, OPERATOR_TOKEN: token('reader') },
    });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; code: number };
    return { stdout: failed.stdout, code: failed.code };
  }
}

describe('where is my work order: npm run imports -- where', () => {
  it('when asked about each case, then the first line names the case and the evidence follows', async () => {
    const garage = pipeline.garage.id;
    const cases: [string, string, string, RegExp][] = [
      [pipeline.otherGarage.id, ask.neverArrived, 'never_arrived', /2\s+invalid_signature/],
      [garage, ask.failedFixable, 'failed', /retry {4}would now succeed \(dry run, nothing written\)/],
      [garage, ask.failedForGood, 'failed', /retry {4}would end failed/],
      [garage, ask.cancelled, 'cancelled', /cancelledBy \S+ sent 2026-11-28T07:00:00\.000Z/],
      [garage, ask.suspiciousDms, 'suspicious_date', /swapped {2}2026-12-03T07:00:00\.000Z/],
      [garage, ask.stale, 'skipped_stale', /newer {4}\S+ sent 2026-11-27T09:00:00\.000Z/],
      [garage, ask.workStarted, 'skipped_work_started', /claire {3}work_started/],
      [
        garage,
        ask.stillImporting,
        'still_importing',
        /waits on upsertDocuments, attempt \d+, last failure connect ECONNREFUSED/,
      ],
      [garage, ask.imported, 'imported', /imported\s+\S+\n?$/m],
      [garage, ask.unrecorded, 'still_importing', /not yet in the import log: workflow carsys-import\//],
    ];
    for (const [garageId, number, expected, evidence] of cases) {
      const { stdout, code } = await cli('where', garageId, number);
      assert.equal(code, 0, stdout);
      assert.ok(stdout.startsWith(`${expected}  garage ${garageId}, "${number}"`), stdout);
      assert.match(stdout, evidence);
    }
  });

  it('when the number is left out, then the usage is printed with exit code 2', async () => {
    const { stdout, code } = await cli('where', pipeline.garage.id);
    assert.equal(code, 2);
    assert.match(stdout, /where <garageId>/);
  });
});

async function signedIn(as: 'reader' | 'operator'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${pipeline.receiver.operatorUrl}/support`);
  await page.getByLabel('Operator token').fill(token(as));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Find an import' }).waitFor();
  return page;
}

async function askPage(page: Page, garageId: string, number: string): Promise<string> {
  await page.getByLabel('Garage id').fill(garageId);
  await page.getByLabel('WO number, registration or DMS number').fill(number);
  await page.getByRole('button', { name: 'Find out' }).click();
  await page.waitForURL(/\/support\/where-is\?garageId=/);
  // For people to look at what each answer shows (git-ignored, never committed).
  const name = number.replace(/-[0-9a-f]{6}$/, '').replace(/[^A-Za-z0-9-]/g, '_');
  await page.screenshot({ path: await artifactPath(`where-is-${name}.png`), fullPage: true });
  return page.locator('#verdict').innerText();
}

describe('where is my work order: the support page in a browser', () => {
  it('when support walks each case, then the page names it in plain words and shows its evidence', async () => {
    const page = await signedIn('operator');
    await page.getByRole('link', { name: 'Where is my work order?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Where is my work order?' }).waitFor();
    const main = () => page.locator('main').innerText();
    const garage = pipeline.garage.id;

    assert.match(
      await askPage(page, pipeline.otherGarage.id, ask.neverArrived),
      /^Never arrived\s+Never arrived: no push/,
    );
    const refused = await page.locator('#refused').innerText();
    assert.match(refused, /3 refused requests/);
    assert.match(refused, /bad signature.*\t2\t/);
    assert.match(refused, /old or future timestamp.*\t1\t/);
    assert.doesNotMatch(await page.locator('#last-push').innerText(), /none/);
    assert.equal(await page.locator('#other-garages').innerText(), garage);

    assert.match(await askPage(page, garage, ask.failedFixable), /^Arrived and failed/);
    assert.match(await main(), /appointment\.appointmentDate\s+is not in a date form we know/);
    assert.match(await page.locator('.retry-verdict').innerText(), /a retry would now succeed\. Nothing was written/);
    assert.equal(await page.getByRole('button', { name: 'Retry this import' }).count(), 1);

    assert.match(await askPage(page, garage, ask.failedForGood), /^Arrived and failed.*A retry would fail again/);
    assert.equal(await page.getByRole('button', { name: 'Retry this import' }).count(), 0);

    assert.match(await askPage(page, garage, ask.cancelled), /^Imported, but cancelled/);
    assert.match(await main(), /Cancelled by\s+sent 28 Nov 2026/);

    assert.match(await askPage(page, garage, ask.suspiciousDms), /^Imported, with a suspicious date/);
    const dates = await main();
    assert.match(dates, /Appointment date\s+12 Mar 2026, 08:00:00 \(Amsterdam\)/);
    assert.match(dates, /Created in Carsys\s+27 Nov 2026, 11:58:00 \(Amsterdam\)/);
    assert.match(dates, /With day and month swapped\s+3 Dec 2026, 08:00:00 \(Amsterdam\)/);

    assert.match(await askPage(page, garage, ask.stale), /^Skipped: an older version/);
    assert.match(await main(), /The newer version already there\s+sent 27 Nov 2026, 10:00:00/);

    assert.match(await askPage(page, garage, ask.workStarted), /^Skipped: work had started.*status work_started/);

    assert.match(
      await askPage(page, garage, ask.stillImporting),
      /^Still importing\s+DMS number BUSY-\w+: Still importing since/,
    );
    const pending = await page.locator('table.pending').innerText();
    assert.match(pending, /upsertDocuments/);
    assert.match(pending, /ECONNREFUSED/);
    assert.equal(await page.getByRole('link', { name: 'Workflow in the Temporal Web UI' }).count(), 1);

    assert.match(
      await askPage(page, garage, ask.unrecorded),
      /^Still importing\s+Still importing: Carsys's push arrived/,
    );
    assert.match(await main(), /Received, not yet in the import log/);

    assert.match(await askPage(page, garage, ask.imported), /^Imported\s+DMS number OK-/);
    assert.equal(await page.locator('script').count(), 0);
    await page.context().close();
  });

  it('when a search finds nothing, then its link asks where that work order is, with the number filled in', async () => {
    const page = await signedIn('reader');
    const number = `WO-NOWHERE-${run}`;
    await page.getByLabel('WO number, registration or DMS number').fill(number);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No imports found.').waitFor();
    await page.getByRole('link', { name: `Where is work order “${number}”?` }).click();
    await page.getByRole('heading', { level: 1, name: 'Where is my work order?' }).waitFor();
    assert.equal(await page.getByLabel('WO number, registration or DMS number').inputValue(), number);
    assert.equal(await page.locator('#verdict').count(), 0, 'no answer before the garage is given');
    assert.match(await askPage(page, pipeline.garage.id, number), /^Never arrived/);
    await page.context().close();
  });

  it('when the number holds HTML, then it is shown as text and nothing runs', async () => {
    const page = await signedIn('reader');
    await page.goto(`${pipeline.receiver.operatorUrl}/support/where-is`);
    const verdict = await askPage(page, pipeline.garage.id, '<img src=x onerror=alert(1)>');
    assert.match(verdict, /“<img src=x onerror=alert\(1\)>”/);
    assert.equal(await page.locator('main img').count(), 0);
    await page.context().close();
  });

  it('when only the garage is given, then the page lists the missing field in plain words', async () => {
    const response = await fetch(`${pipeline.receiver.operatorUrl}/support/where-is?garageId=${pipeline.garage.id}`, {
      headers: { Cookie: (await signInCookie(pipeline.receiver.operatorUrl, token('reader'))).cookie },
    });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /<code>number<\/code>/);
  });
});
