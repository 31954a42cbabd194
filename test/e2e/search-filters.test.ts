import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { fixtureObject } from '../support/fixtures.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { waitFor, waitForImportFinished } from '../support/wait-for.js';

let pipeline: Pipeline;
let browser: Browser;
const run = randomBytes(3).toString('hex');
// One more than a page of 50, with the suspicious one and the old one on top.
const manyPushes = 51;
const woNumber = (index: number) => `WO-P-${run}-${index}`;

function body(fixture: string, index: number): string {
  const push = fixtureObject(fixture);
  push['messageId'] = `filters-${run}-${fixture}-${index}`;
  Object.assign(push['appointment'] as Record<string, unknown>, {
    dmsNumber: `P-${run}-${index}`,
    woNumber: woNumber(index),
  });
  return JSON.stringify(push);
}

async function pushAll(bodies: readonly string[], garage = pipeline.garage): Promise<string[]> {
  const ids: string[] = [];
  // A few at a time: the machine running the tests is small.
  for (let start = 0; start < bodies.length; start += 8) {
    const answers = await Promise.all(
      bodies.slice(start, start + 8).map((text) => sendPush(pipeline.receiver.url, text, { garage })),
    );
    for (const answer of answers) {
      assert.equal(answer.status, 202, JSON.stringify(answer.json));
      ids.push(String(answer.json['importId']));
    }
  }
  for (const id of ids) await waitForImportFinished(pipeline.mongo.collections, id, 60_000);
  return ids;
}

let oldImportId: string;

before(async () => {
  pipeline = await startPipeline();
  await pushAll(Array.from({ length: manyPushes }, (_, index) => body('valid-full', index)));
  await pushAll([body('suspicious-date', manyPushes)]);
  [oldImportId = ''] = await pushAll([body('valid-lease-car', manyPushes + 1)]);
  // As if it had arrived two days ago: the period filter must leave it out.
  await pipeline.mongo.collections.imports.updateOne(
    { _id: oldImportId },
    { $set: { receivedAt: new Date(Date.now() - 2 * 24 * 3_600_000) } },
  );
  await pushAll([body('valid-full', 0)], pipeline.otherGarage);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await pipeline?.close();
});

async function signedIn(): Promise<Page> {
  const token = pipeline.config.operatorTokens.find((entry) => entry.name === 'reader')?.token ?? '';
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${pipeline.receiver.operatorUrl}/support`);
  await page.getByLabel('Operator token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Find an import' }).waitFor();
  return page;
}

async function searchWith(page: Page, fields: { q?: string; garage?: string; period?: string; warning?: string }) {
  await page.getByLabel('WO number, registration or DMS number').fill(fields.q ?? '');
  await page.getByLabel('Garage', { exact: true }).fill(fields.garage ?? '');
  await page.getByLabel('Received', { exact: true }).selectOption(fields.period ?? '');
  await page.getByLabel('Warning', { exact: true }).fill(fields.warning ?? '');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/support\?q=/);
}

const rows = (page: Page) => page.locator('table.results tbody tr');

describe('search page: filters and pages', () => {
  it('when a garage is chosen, then only its imports show, 50 a page, and the next page holds the rest', async () => {
    const page = await signedIn();
    await searchWith(page, { garage: pipeline.garage.id });
    assert.equal(await rows(page).count(), 50);
    assert.match(await page.locator('caption').innerText(), new RegExp(`garage ${pipeline.garage.id}, newest first`));
    assert.equal(await page.locator('table.results', { hasText: pipeline.otherGarage.id }).count(), 0);
    const firstPage = await rows(page).allInnerTexts();

    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/cursor=/);
    assert.equal(await rows(page).count(), manyPushes + 2 - 50);
    assert.equal(await page.getByRole('link', { name: 'Next page' }).count(), 0);
    const secondPage = await rows(page).allInnerTexts();
    assert.equal(
      secondPage.some((row) => firstPage.includes(row)),
      false,
      'no import is on both pages',
    );
    assert.ok(
      secondPage.some((row) => row.includes(`P-${run}-0\t`)),
      'the oldest push is on the last page',
    );

    await page.getByRole('link', { name: 'First page' }).click();
    await page.waitForURL((url) => !url.search.includes('cursor='));
    assert.equal(await rows(page).count(), 50);
    assert.equal(
      await page.getByLabel('Garage', { exact: true }).inputValue(),
      pipeline.garage.id,
      'the filters are kept',
    );
    await page.context().close();
  });

  it('when a warning is chosen, then only the imports with that warning show', async () => {
    const page = await signedIn();
    await searchWith(page, { garage: pipeline.garage.id, warning: 'suspicious_date' });
    assert.equal(await rows(page).count(), 1);
    assert.match(await rows(page).innerText(), new RegExp(`P-${run}-${manyPushes}\\t`));
    await page.context().close();
  });

  it('when the last 24 hours are chosen, then an import received two days ago is left out', async () => {
    const page = await signedIn();
    await searchWith(page, { q: woNumber(manyPushes + 1) });
    assert.equal(await rows(page).count(), 1, 'found without a period');
    await searchWith(page, { q: woNumber(manyPushes + 1), period: '24h' });
    assert.equal(await rows(page).count(), 0);
    assert.match(await page.locator('main').innerText(), /No imports found/);
    await page.context().close();
  });

  it('when a WO number both garages used is searched, then the garage filter picks one of them', async () => {
    const page = await signedIn();
    await searchWith(page, { q: woNumber(0) });
    assert.equal(await rows(page).count(), 2);
    await searchWith(page, { q: woNumber(0), garage: pipeline.otherGarage.id });
    assert.equal(await rows(page).count(), 1);
    assert.match(await rows(page).innerText(), new RegExp(pipeline.otherGarage.id));
    await page.context().close();
  });

  it('when the import API is asked with number=, then it matches WO, registration or DMS number as the page does', async () => {
    const token = pipeline.config.operatorTokens.find((entry) => entry.name === 'reader')?.token ?? '';
    const answer = await waitFor('the API answer', async () => {
      const response = await fetch(`${pipeline.receiver.operatorUrl}/api/v1/imports?number=${woNumber(0)}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return (await response.json()) as { items: { garageId: string }[] };
    });
    assert.deepEqual(
      answer.items.map((item) => item.garageId).sort(),
      [pipeline.garage.id, pipeline.otherGarage.id].sort(),
    );
  });
});
