import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { artifactPath, launchChromium, temporalUiUrl } from '../support/browser.js';
import { fixtureObject } from '../support/fixtures.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitForImportFinished } from '../support/wait-for.js';

let pipeline: Pipeline;
let browser: Browser;

before(async () => {
  pipeline = await startPipeline(testSetup({ TEMPORAL_UI_URL: temporalUiUrl() }));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await pipeline?.close();
});

// The Web UI is a single-page app that loads and queries visibility after the first paint: be patient.
const uiTimeoutMs = 30_000;

describe('Temporal Web UI in domain words', () => {
  it('when an operator filters the Web UI by a WO number, then the import workflow for that push is listed', async () => {
    // Unique per run: the dev server keeps closed workflows for a day.
    const woNumber = `WO-UI-${randomBytes(4).toString('hex')}`;
    const body = fixtureObject('valid-full');
    body['messageId'] = `web-ui-${woNumber}`;
    Object.assign(body['appointment'] as Record<string, unknown>, { woNumber });
    const answer = await sendPush(pipeline.receiver.url, JSON.stringify(body), { garage: pipeline.garage });
    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    const record = await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
    assert.equal(record.status, 'imported');

    const query = `CarsysWoNumber="${woNumber}"`;
    const url = `${pipeline.config.temporal.uiUrl}/namespaces/default/workflows?query=${encodeURIComponent(query)}`;
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const listed = page.getByText(record.workflowId, { exact: true });
    const deadline = Date.now() + uiTimeoutMs * 2;
    for (;;) {
      await page.goto(url, { timeout: uiTimeoutMs });
      try {
        await listed.first().waitFor({ state: 'visible', timeout: uiTimeoutMs });
        break;
      } catch (error) {
        // Visibility can lag the workflow's close by a moment; load the list again until it shows.
        if (Date.now() > deadline) throw error;
      }
    }
    // Filtered by the WO number, the list holds this push's workflow, as a link to its history.
    assert.equal(await page.getByRole('link', { name: record.workflowId, exact: true }).count(), 1);
    await page.screenshot({ path: await artifactPath('temporal-web-ui-by-wo-number.png'), fullPage: true });
    await page.close();
  });
});
