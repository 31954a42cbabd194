import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createLogger } from '../../src/logging/logger.js';
import { startWorker, type RunningWorker } from '../../src/main/start-worker.js';
import { artifactPath, launchChromium, temporalUiUrl } from '../support/browser.js';
import { fixtureObject, readFixture } from '../support/fixtures.js';
import { olderValidation } from '../support/older-validation.js';
import { signInCookie } from '../support/operator-session.js';
import { startPipeline, workflowBundle, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitFor, waitForImportFinished } from '../support/wait-for.js';

let pipeline: Pipeline;
let browser: Browser;
const workers: RunningWorker[] = [];
const run = randomBytes(3).toString('hex');

before(async () => {
  pipeline = await startPipeline(testSetup({ TEMPORAL_UI_URL: temporalUiUrl() }));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  for (const worker of workers) await worker.close();
  await pipeline?.close();
});

const token = (name: 'reader' | 'operator') =>
  pipeline.config.operatorTokens.find((entry) => entry.name === name)?.token ?? '';
const supportUrl = (path = '') => `${pipeline.receiver.operatorUrl}/support${path}`;

async function pushAndFinish(body: string) {
  const answer = await sendPush(pipeline.receiver.url, body, { garage: pipeline.garage });
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  return waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
}

function pushWith(fixture: string, appointment: { dmsNumber: string } & Record<string, string>): string {
  const body = fixtureObject(fixture);
  body['messageId'] = `support-page-${run}-${appointment.dmsNumber}`;
  Object.assign(body['appointment'] as Record<string, unknown>, appointment);
  return JSON.stringify(body);
}

/** A new browser session (its own cookies), signed in on the support page with the named token. */
async function signedIn(as: 'reader' | 'operator'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(supportUrl());
  await page.getByLabel('Operator token').fill(token(as));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Find an import' }).waitFor();
  return page;
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel('WO number, registration or DMS number').fill(text);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/support\?q=/);
}

describe('support page: signing in', () => {
  it('when a wrong operator token is given, then the form says so in plain words and shows no imports', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(supportUrl());
    await page.getByLabel('Operator token').fill('not-a-token-of-ours');
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/support/login')),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    assert.equal(answer.status(), 401);
    assert.match(await page.getByRole('alert').innerText(), /operator token is not valid/);
    assert.equal(await page.getByRole('searchbox').count(), 0);
    await page.context().close();
  });

  it('when an operator signs in, then the session cookie is HttpOnly and SameSite=Strict, and signing out ends it', async () => {
    const page = await signedIn('operator');
    const cookie = (await page.context().cookies()).find((entry) => entry.name === 'claire_session');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Strict');
    assert.equal(cookie?.path, '/');
    assert.notEqual(cookie?.value, token('operator'));
    await page.getByRole('heading', { level: 2, name: /silent garage/i }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Operator token').waitFor();
    assert.equal((await page.context().cookies()).length, 0);
    // The cookie copied before sign-out no longer signs anyone in.
    const copied = await fetch(supportUrl(), { headers: { Cookie: `claire_session=${cookie?.value ?? ''}` } });
    assert.match(await copied.text(), /name="token"/);
    await page.context().close();
  });
});

describe('support page: reading', () => {
  it('when a WO number holds HTML, then the page shows it as text and runs nothing', async () => {
    const woNumber = '<script>x</script>';
    await pushAndFinish(pushWith('valid-full', { dmsNumber: `XSS-${run}`, woNumber }));
    const page = await signedIn('reader');
    await search(page, woNumber);
    const cell = page.locator('table.results td', { hasText: woNumber });
    assert.equal(await cell.count(), 1);
    assert.equal(await cell.innerText(), woNumber);
    assert.equal(await page.locator('script').count(), 0);
    assert.match(await page.content(), /&lt;script&gt;x&lt;\/script&gt;/);
    await page.context().close();
  });

  it('when a reader opens a failed import, then the reasons are listed but there is no Retry button', async () => {
    const record = await pushAndFinish(readFixture('invalid-fields'));
    assert.equal(record.status, 'failed');
    const page = await signedIn('reader');
    await search(page, 'WO-24-01890');
    const row = page.getByRole('row').filter({ hasText: 'WO-24-01890' });
    assert.match(await row.innerText(), /failed/);
    await row.getByRole('link', { name: /Details/ }).click();
    await page.getByRole('heading', { level: 2, name: /Issues/ }).waitFor();
    assert.match(await page.locator('main').innerText(), /appointment\.appointmentDate/);
    assert.equal(await page.getByRole('button', { name: 'Retry this import' }).count(), 0);
    await page.getByRole('link', { name: 'Every push for this appointment' }).click();
    await page.getByRole('heading', { level: 1, name: /Appointment/ }).waitFor();
    assert.match(await page.getByRole('table').innerText(), /failed/);
    await page.context().close();

    const { cookie } = await signInCookie(pipeline.receiver.operatorUrl, token('reader'));
    const refused = await fetch(supportUrl(`/imports/${record._id}/retry`), {
      method: 'POST',
      headers: { Cookie: cookie, Origin: pipeline.receiver.operatorUrl },
      redirect: 'manual',
    });
    assert.equal(refused.status, 403);
  });

  it('when a form is posted from another site, then it is refused with 403 and nothing is retried', async () => {
    const record = await pipeline.mongo.collections.imports.findOne({ garageId: pipeline.garage.id, status: 'failed' });
    assert.ok(record);
    const { cookie } = await signInCookie(pipeline.receiver.operatorUrl, token('operator'));
    for (const origin of ['https://evil.example', 'null']) {
      const answer = await fetch(supportUrl(`/imports/${record._id}/retry`), {
        method: 'POST',
        headers: { Cookie: cookie, Origin: origin },
        redirect: 'manual',
      });
      assert.equal(answer.status, 403, origin);
    }
    const again = await pipeline.mongo.collections.imports.findOne({ _id: record._id });
    assert.equal(again?.attempts.length, 0);
  });
});

describe('support page: bulk retry', () => {
  it('when an operator opens a bulk retry, then the dry run shows the count before anything happens, then retries on confirmation', async () => {
    const failed = await waitFor('the failed import of WO-24-01890', () =>
      pipeline.mongo.collections.imports.findOne({ garageId: pipeline.garage.id, woNumber: 'WO-24-01890' }),
    );
    const page = await signedIn('operator');
    await page.getByRole('link', { name: 'Bulk retry of failed imports' }).click();
    await page.getByLabel('Garage id').fill(pipeline.garage.id);
    await page.getByLabel('WO number').fill('WO-24-01890');
    await page.getByRole('button', { name: 'Show what would be retried' }).click();
    await page.waitForURL(/woNumber=WO-24-01890/);
    assert.match(await page.locator('#dry-run').innerText(), /^1 failed import matches\. Nothing has been retried yet/);
    assert.match(await page.getByRole('table').innerText(), new RegExp(failed._id));
    const untouched = await pipeline.mongo.collections.imports.findOne({ _id: failed._id });
    assert.equal(untouched?.attempts.length, 0, 'the dry run retried nothing');

    await page.getByRole('button', { name: 'Retry 1 failed import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bulk retry started' }).waitFor();
    assert.match(await page.getByRole('status').innerText(), /1 of 1 retries started/);
    assert.match(await page.locator('main ul').innerText(), /retry started\s+\(attempt 1\)/);
    await page.context().close();
    const retried = await pipeline.mongo.collections.imports.findOne({ _id: failed._id });
    assert.equal(retried?.attempts.length, 1);
  });
});

describe('support page: retry after the cause is fixed', () => {
  it('when a push failed under the older code, then support finds it by WO number, reads why, retries it after the fix and sees it imported', async () => {
    const { code } = await workflowBundle();
    const quiet = (name: string) => createLogger({ level: 'silent', name });
    await pipeline.worker.close();
    const older = await startWorker(pipeline.config, quiet('older'), {
      workflows: { workflowBundle: { code } },
      activityOverrides: olderValidation,
    });
    workers.push(older);
    const woNumber = `WO-SP-${run}`;
    const failed = await pushAndFinish(
      pushWith('valid-lease-car', { dmsNumber: `SP-${run}`, woNumber, appointmentDate: '3-2-2027 9:30' }),
    );
    assert.equal(failed.status, 'failed');
    await older.close();
    workers.push(await startWorker(pipeline.config, quiet('fixed'), { workflows: { workflowBundle: { code } } }));

    const page = await signedIn('operator');
    await search(page, woNumber);
    const row = page.getByRole('row').filter({ hasText: woNumber });
    const rowText = await row.innerText();
    assert.match(rowText, /failed/);
    assert.match(rowText, /Fix the cause, then retry/);
    assert.match(rowText, /appointment\.appointmentDate: is not in a date form we know/);

    await row.getByRole('link', { name: /Details/ }).click();
    await page.getByRole('heading', { level: 1, name: `Import of DMS number SP-${run}` }).waitFor();
    await page.getByRole('button', { name: 'Retry this import' }).click();
    await page.waitForURL(/\?retry=started$/);
    assert.equal(await page.getByRole('status').innerText(), 'Retry started; refresh to see the outcome.');

    await waitFor('the detail page to show the import imported', async () => {
      await page.reload();
      return (await page.locator('#status').innerText()).startsWith('imported') ? true : null;
    });
    const detail = await page.locator('main').innerText();
    assert.match(detail, /Imported: the appointment, car and customers are in Claire\./);
    assert.match(detail, /Retries \(1\)/);
    assert.equal(await page.getByRole('button', { name: 'Retry this import' }).count(), 0);
    await page.screenshot({ path: await artifactPath('support-detail-after-retry.png'), fullPage: true });
    await page.context().close();
  });
});
