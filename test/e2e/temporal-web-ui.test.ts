import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { ImportDocument } from '../../src/store/documents.js';
import { webUiPublicPath } from '../../src/operator/web-ui-proxy.js';
import { artifactPath, launchChromium, temporalUiUrl } from '../support/browser.js';
import { fixtureObject } from '../support/fixtures.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitForImportFinished } from '../support/wait-for.js';

let pipeline: Pipeline;
let browser: Browser;
let record: ImportDocument;

// Unique per run: the dev server keeps closed workflows for a day. The customer's name travels only inside
// encrypted payloads (the push in the input, the mapped documents in the steps), never in a search attribute.
const suffix = randomBytes(4).toString('hex');
const woNumber = `WO-UI-${suffix}`;
const customerName = `Decodeer${suffix}`;

before(async () => {
  // The operator listener serves the dev server's Web UI at /temporal, beside its codec endpoint.
  pipeline = await startPipeline(testSetup({ TEMPORAL_UI_UPSTREAM: temporalUiUrl() }));
  browser = await launchChromium();
  const body = fixtureObject('valid-full');
  body['messageId'] = `web-ui-${woNumber}`;
  Object.assign(body['appointment'] as Record<string, unknown>, { woNumber });
  Object.assign((body['parties'] as Record<string, unknown>[])[0] ?? {}, { lastName: customerName });
  const answer = await sendPush(pipeline.receiver.url, JSON.stringify(body), { garage: pipeline.garage });
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  record = await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
  assert.equal(record.status, 'imported');
});
after(async () => {
  await browser?.close();
  await pipeline?.close();
});

// The Web UI is a single-page app that loads and queries visibility after the first paint: be patient.
const uiTimeoutMs = 30_000;
const tokenOf = (name: string) => pipeline.config.operatorTokens.find((token) => token.name === name)?.token ?? '';
const listUrl = () =>
  `${pipeline.receiver.operatorUrl}${webUiPublicPath}/namespaces/default/workflows?query=` +
  encodeURIComponent(`CarsysWoNumber="${woNumber}"`);

/** A browser of its own for one operator: opens the Web UI, signs in on the form it shows, lands on the list. */
async function signedInList(operator: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto(listUrl(), { timeout: uiTimeoutMs });
  await page.getByLabel('Operator token').fill(tokenOf(operator));
  await page.getByRole('button', { name: 'Sign in' }).click();
  const listed = page.getByRole('link', { name: record.workflowId, exact: true });
  const deadline = Date.now() + uiTimeoutMs * 2;
  for (;;) {
    try {
      await listed.first().waitFor({ state: 'visible', timeout: uiTimeoutMs });
      return page;
    } catch (error) {
      // Visibility can lag the workflow's close by a moment; load the list again until it shows.
      if (Date.now() > deadline) throw error;
      await page.goto(listUrl(), { timeout: uiTimeoutMs });
    }
  }
}

/** Opens the import's workflow from the filtered list, and the details of its one scheduled step (upsertDocuments). */
async function openWorkflow(page: Page, inputShows: string): Promise<void> {
  await page.getByRole('link', { name: record.workflowId, exact: true }).first().click();
  // The input, decoded or not, is on the page once the codec has answered (or refused).
  await page.getByText(inputShows).first().waitFor({ timeout: uiTimeoutMs });
  await page.getByRole('row').filter({ hasText: 'Activity Task Scheduled' }).first().click();
}

describe('Temporal Web UI, served by the operator listener', () => {
  it('when an operator filters the Web UI by a WO number, then the import workflow for that push is listed', async () => {
    const page = await signedInList('operator');
    // Filtered by the WO number, the list holds this push's workflow, as a link to its history.
    assert.equal(await page.getByRole('link', { name: record.workflowId, exact: true }).count(), 1);
    await page.screenshot({ path: await artifactPath('temporal-web-ui-by-wo-number.png'), fullPage: true });
    await page.context().close();
  });

  it('when an operator with the decode scope opens the import, then the push and the steps read decoded, with no codec banner', async () => {
    const page = await signedInList('operator');
    // The workflow input, decoded: the push's envelope as JSON, with the WO number as a field.
    await openWorkflow(page, `"woNumber": "${woNumber}"`);
    // The step's input, decoded: the mapped documents with the customer's name.
    await page.getByText(`"lastName": "${customerName}"`).first().waitFor({ timeout: uiTimeoutMs });
    // The step's result, decoded, in the history table.
    const completed = page.getByRole('row').filter({ hasText: 'Activity Task Completed' }).first();
    assert.match(await completed.innerText(), /"outcome":"imported"/);
    assert.equal(await page.getByText('Codec Server could not connect').count(), 0);
    await page.screenshot({ path: await artifactPath('temporal-web-ui-decoded.png'), fullPage: true });
    await page.context().close();
  });

  it('when an operator without the decode scope opens the import, then every payload stays encrypted', async () => {
    const page = await signedInList('reader');
    // Undecoded, the UI shows each payload as it is stored: our encryption metadata around ciphertext.
    await openWorkflow(page, '"encryption-key-id"');
    // The UI notes the codec's refusal (403) in its codec status, which an operator opens from the header.
    await page.getByText('Codec Server could not connect').first().waitFor({ state: 'attached', timeout: uiTimeoutMs });
    // Input, result and the opened step: at least three encrypted payloads.
    await waitForCount(page, '"encryption-key-id"', 3);
    const text = await page.locator('body').innerText();
    for (const plaintext of [customerName, '"woNumber"', '"lastName"', '"outcome"', 'rawBodyBase64', 'bodySha256']) {
      assert.ok(!text.includes(plaintext), `the page shows ${plaintext}`);
    }
    assert.ok(!(await page.content()).includes(customerName));
    await page.screenshot({ path: await artifactPath('temporal-web-ui-encrypted.png'), fullPage: true });
    await page.context().close();
  });
});

async function waitForCount(page: Page, text: string, atLeast: number): Promise<void> {
  const deadline = Date.now() + uiTimeoutMs;
  while ((await page.getByText(text).count()) < atLeast) {
    if (Date.now() > deadline) throw new Error(`fewer than ${atLeast} payloads show ${text}`);
    await page.waitForTimeout(250);
  }
}
