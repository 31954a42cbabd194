import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OverviewAnswer } from '../../src/operator/api/overview-schema.js';
import { outcomeColours } from '../../src/operator/support-page/overview-chart.js';
import { refusalsByGarageAndReason } from '../../src/store/rejections.js';
import { unknownGarage } from '../../src/store/rejection-tally.js';
import { artifactPath, launchChromium } from '../support/browser.js';
import { fixtureObject } from '../support/fixtures.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { waitFor, waitForImportFinished } from '../support/wait-for.js';

let pipeline: Pipeline;
let browser: Browser;
const run = randomBytes(3).toString('hex');
/** A garage id nobody configured, claimed by a refused request, that is also markup. */
const hostileGarageId = `<img src=x onerror=alert(1)>-${run}`;

const token = (name: 'reader' | 'operator') =>
  pipeline.config.operatorTokens.find((entry) => entry.name === name)?.token ?? '';

function pushBody(fixture: string, messageId: string, fields: { dmsNumber: string; sentAt?: string }): string {
  const body = fixtureObject(fixture);
  body['messageId'] = `overview-${run}-${messageId}`;
  if (fields.sentAt !== undefined) body['sentAt'] = fields.sentAt;
  (body['appointment'] as Record<string, unknown>)['dmsNumber'] = fields.dmsNumber;
  return JSON.stringify(body);
}

async function pushAndFinish(body: string, garage = pipeline.garage): Promise<string> {
  const answer = await sendPush(pipeline.receiver.url, body, { garage });
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  const record = await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
  return record.status;
}

async function refuse(garageId: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const body = pushBody('valid-full', `refused-${garageId}-${i}`, { dmsNumber: `R-${i}` });
    const answer = await sendPush(pipeline.receiver.url, body, {
      garage: pipeline.garage,
      garageId,
      signature: `sha256=${'0'.repeat(64)}`,
    });
    assert.equal(answer.status, 401);
  }
}

async function overview(query: Record<string, string> = {}, as: 'reader' | 'operator' | 'none' = 'reader') {
  const response = await fetch(
    `${pipeline.receiver.operatorUrl}/api/v1/overview?${new URLSearchParams(query).toString()}`,
    {
      headers: as === 'none' ? {} : { Authorization: `Bearer ${token(as)}` },
    },
  );
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

type Figures = Record<string, number> & { topFailureReasons: unknown[]; topRefusalReasons: unknown[] };
type Garage = { garageId: string | null; known: boolean; last24Hours: Figures; last7Days: Figures };
const garageIn = (json: Record<string, unknown>, garageId: string) =>
  (json['garages'] as Garage[]).find((garage) => garage.garageId === garageId);
const counts = (figures: Figures) => {
  const { topFailureReasons: _failures, topRefusalReasons: _refusals, ...rest } = figures;
  return rest;
};

// The known mix: garage A imports two, fails two alike, skips an older version and is refused three times with a
// bad signature; garage B imports one and fails one; a garage id nobody configured is refused once.
const expected = {
  a: { received: 5, imported: 2, failed: 2, skipped: 1, importing: 0, refused: 3 },
  b: { received: 2, imported: 1, failed: 1, skipped: 0, importing: 0, refused: 0 },
};
let failedIssuePaths: string[] = [];

before(async () => {
  pipeline = await startPipeline();
  browser = await launchChromium();
  const a = pipeline.garage;
  const b = pipeline.otherGarage;
  const statuses = [
    await pushAndFinish(pushBody('valid-full', 'a-1', { dmsNumber: `A1-${run}` }), a),
    await pushAndFinish(pushBody('valid-lease-car', 'a-2', { dmsNumber: `A2-${run}` }), a),
    await pushAndFinish(pushBody('invalid-fields', 'a-3', { dmsNumber: `A3-${run}` }), a),
    await pushAndFinish(pushBody('invalid-fields', 'a-4', { dmsNumber: `A4-${run}` }), a),
    // An older version of A1, sent after the newer one: skipped as stale.
    await pushAndFinish(
      pushBody('valid-full', 'a-1-old', { dmsNumber: `A1-${run}`, sentAt: '2026-11-01T09:00:00+01:00' }),
      a,
    ),
    await pushAndFinish(pushBody('valid-full', 'b-1', { dmsNumber: `B1-${run}` }), b),
    await pushAndFinish(pushBody('invalid-fields', 'b-2', { dmsNumber: `B2-${run}` }), b),
  ];
  assert.deepEqual(statuses, ['imported', 'imported', 'failed', 'failed', 'skipped_stale', 'imported', 'failed']);
  // Carsys resends A1 by hand: answered as a duplicate, one push in the import log, not two.
  const resend = await sendPush(pipeline.receiver.url, pushBody('valid-full', 'a-1', { dmsNumber: `A1-${run}` }), {
    garage: a,
  });
  assert.equal(resend.status, 200);
  await refuse(a.id, 3);
  await refuse(hostileGarageId, 1);
  await waitFor('the four refusals in the rejection log', async () => {
    const refusals = await refusalsByGarageAndReason(pipeline.mongo.db, {
      from: new Date(Date.now() - 60 * 60_000),
      to: new Date(Date.now() + 60 * 60_000),
    });
    const recorded = refusals.reduce((sum, refusal) => sum + refusal.count, 0);
    return recorded >= 4 ? recorded : null;
  });
  const failed = await pipeline.mongo.collections.imports.findOne({ garageId: a.id, status: 'failed' });
  failedIssuePaths = (failed?.issues ?? []).map((issue) => issue.path);
  assert.ok(failedIssuePaths.length > 0);
});
after(async () => {
  await browser?.close();
  await pipeline?.close();
});

describe('overview API', () => {
  it('when a known mix was pushed, then the figures of each garage are exact, for 24 hours and 7 days alike', async () => {
    const answer = await overview();
    assert.equal(answer.status, 200);
    OverviewAnswer.parse(answer.json);
    const a = garageIn(answer.json, pipeline.garage.id);
    const b = garageIn(answer.json, pipeline.otherGarage.id);
    assert.ok(a && b);
    assert.deepEqual(counts(a.last24Hours), expected.a);
    assert.deepEqual(counts(a.last7Days), expected.a);
    assert.deepEqual(counts(b.last24Hours), expected.b);
    assert.deepEqual(counts(b.last7Days), expected.b);
    assert.deepEqual(a.last24Hours.topRefusalReasons, [
      {
        code: 'invalid_signature',
        meaning: 'bad signature: Carsys signs with a secret Claire does not have for this garage',
        count: 3,
      },
    ]);
    // The configured garage that pushed nothing is listed too, all zeros: a silence shows.
    const silent = garageIn(answer.json, pipeline.keepsImportingGarage.id);
    assert.deepEqual(counts(silent?.last7Days as Figures), {
      received: 0,
      imported: 0,
      failed: 0,
      skipped: 0,
      importing: 0,
      refused: 0,
    });
    // Ids that are not configured garages share one count in the rejection log, so the hostile id has no row of its own.
    assert.equal(garageIn(answer.json, hostileGarageId), undefined);
    const unknown = garageIn(answer.json, unknownGarage);
    assert.equal(unknown?.known, false);
    assert.equal(unknown?.last24Hours['refused'], 1);
  });

  it('when imports failed alike, then the top failure reasons name each field and rule with how often it broke', async () => {
    const a = garageIn((await overview()).json, pipeline.garage.id);
    const reasons = a?.last7Days.topFailureReasons as { path: string; code: string; message: string; count: number }[];
    assert.ok(reasons.length > 0 && reasons.length <= 5);
    for (const reason of reasons) {
      assert.equal(reason.count, 2, JSON.stringify(reason));
      assert.ok(failedIssuePaths.includes(reason.path.replace('[]', '[0]')), reason.path);
      assert.ok(reason.message.length > 0);
    }
    assert.ok(reasons.some((reason) => reason.path === 'appointment.appointmentDate'));
  });

  it('when the hours are summed, then they give the 7-day figures, each hour an hour-long slot ending at `to`', async () => {
    const to = new Date(Date.now() + 60_000);
    const answer = await overview({ garageId: pipeline.garage.id, to: to.toISOString() });
    const [a] = answer.json['garages'] as (Garage & { perHour: Record<string, number | string>[] })[];
    assert.ok(a);
    const sum = (outcome: string) => a.perHour.reduce((total, hour) => total + Number(hour[outcome]), 0);
    for (const outcome of ['imported', 'failed', 'skipped', 'importing', 'refused'] as const) {
      assert.equal(sum(outcome), expected.a[outcome], outcome);
    }
    for (const hour of a.perHour) assert.equal((to.getTime() - Date.parse(String(hour['hour']))) % 3_600_000, 0);
  });

  it('when one garage is asked for, then only it is answered', async () => {
    const answer = await overview({ garageId: pipeline.otherGarage.id });
    const garages = answer.json['garages'] as Garage[];
    assert.deepEqual(
      garages.map((garage) => garage.garageId),
      [pipeline.otherGarage.id],
    );
    assert.deepEqual(counts(garages[0]?.last24Hours as Figures), expected.b);
  });

  it('when `to` is before the pushes, then nothing is counted; when it is 6 days after, then only the 7 days hold them', async () => {
    const answer = await overview({
      garageId: pipeline.garage.id,
      to: new Date(Date.now() - 25 * 3_600_000).toISOString(),
    });
    const [a] = answer.json['garages'] as Garage[];
    assert.equal(a?.last24Hours['received'], 0);
    assert.equal(a?.last7Days['received'], 0);
    const later = await overview({
      garageId: pipeline.garage.id,
      to: new Date(Date.now() + 6 * 86_400_000).toISOString(),
    });
    const [aLater] = later.json['garages'] as Garage[];
    assert.equal(aLater?.last24Hours['received'], 0);
    assert.deepEqual(counts(aLater?.last7Days), expected.a);
  });

  it('when there is no token or a wrong parameter, then 401 and 400 in plain words', async () => {
    const anonymous = await overview({}, 'none');
    assert.equal(anonymous.status, 401);
    assert.equal((anonymous.json['error'] as { code: string }).code, 'operator_token_required');
    const wrong = await overview({ to: 'yesterday-ish' });
    assert.equal(wrong.status, 400);
    const error = wrong.json['error'] as { code: string; issues: { path: string }[] };
    assert.equal(error.code, 'invalid_request');
    assert.deepEqual(
      error.issues.map((issue) => issue.path),
      ['to'],
    );
  });

  it('when the OpenAPI document is read, then the overview is in it with an operationId and every answer described', async () => {
    const document = (await (await fetch(`${pipeline.receiver.operatorUrl}/openapi.json`)).json()) as {
      paths: Record<string, { get: { operationId: string; responses: Record<string, { description?: string }> } }>;
    };
    const operation = document.paths['/api/v1/overview']?.get;
    assert.equal(operation?.operationId, 'getOverview');
    for (const [status, response] of Object.entries(operation?.responses ?? {})) {
      assert.ok((response.description ?? '') !== '', status);
    }
  });
});

describe('overview page', () => {
  async function signedIn(options: { javaScriptEnabled: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${pipeline.receiver.operatorUrl}/support`);
    await page.getByLabel('Operator token').fill(token('reader'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Find an import' }).waitFor();
    return { context, page };
  }

  async function figuresOf(page: Page, garageId: string, period: 'last24Hours' | 'last7Days') {
    const row = page.locator(`#figures tr[data-garage="${garageId}"][data-period="${period}"]`);
    const read = async (outcome: string) => Number(await row.locator(`td[data-outcome="${outcome}"]`).innerText());
    return {
      received: await read('received'),
      imported: await read('imported'),
      failed: await read('failed'),
      skipped: await read('skipped'),
      importing: await read('importing'),
      refused: await read('refused'),
    };
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`when a reader opens the overview from the support page (JavaScript ${javaScriptEnabled ? 'on' : 'off'}), then the counts and an SVG chart with a mark per outcome are shown`, async () => {
      const { context, page } = await signedIn({ javaScriptEnabled });
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
      });
      await page.getByRole('link', { name: /Overview/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

      assert.deepEqual(await figuresOf(page, pipeline.garage.id, 'last24Hours'), expected.a);
      assert.deepEqual(await figuresOf(page, pipeline.garage.id, 'last7Days'), expected.a);
      assert.deepEqual(await figuresOf(page, pipeline.otherGarage.id, 'last24Hours'), expected.b);

      const chart = page.locator('figure#chart svg');
      assert.equal(await chart.count(), 1);
      for (const outcome of ['imported', 'failed', 'skipped', 'refused'] as const) {
        const marks = chart.locator(`path[aria-label^="${outcome}: "]`);
        assert.ok((await marks.count()) > 0, `no mark for ${outcome}`);
        assert.equal(await marks.first().getAttribute('fill'), outcomeColours[outcome]);
      }
      // A silent configured garage still has its row in the chart and the table.
      const svg = await chart.innerHTML();
      assert.ok(svg.includes(`>${pipeline.keepsImportingGarage.id}</text>`), 'no chart row for the silent garage');
      assert.equal(await figuresOf(page, pipeline.keepsImportingGarage.id, 'last7Days').then((f) => f.received), 0);

      // A refusal claiming no configured garage is shown under the shared unknown row; the id sent runs nothing.
      const unknownRow = page.locator('#figures th', { hasText: unknownGarage });
      assert.equal(await unknownRow.count(), 1);
      assert.equal(await page.locator('img').count(), 0);
      assert.equal(await page.locator('script').count(), 0);
      assert.ok(svg.includes(`>${unknownGarage}</text>`), 'no chart row for the unknown garages');

      const reasons = page.locator('#reasons');
      assert.match(await reasons.innerText(), /appointment\.appointmentDate/);
      assert.match(await reasons.innerText(), /bad signature/);
      assert.deepEqual(blocked, []);

      if (javaScriptEnabled) await page.screenshot({ path: await artifactPath('overview.png'), fullPage: true });
      await context.close();
    });
  }

  it('when the failed count is followed, then the search lists exactly those failed imports', async () => {
    const { context, page } = await signedIn({ javaScriptEnabled: false });
    await page.goto(
      `${pipeline.receiver.operatorUrl}/support/overview?garageId=${encodeURIComponent(pipeline.garage.id)}`,
    );
    const row = page.locator(`#figures tr[data-garage="${pipeline.garage.id}"][data-period="last24Hours"]`);
    await row.locator('td[data-outcome="failed"] a').click();
    await page.getByRole('heading', { level: 1, name: 'Find an import' }).waitFor();
    assert.equal(await page.locator('table.results tbody tr').count(), expected.a.failed);
    await context.close();
  });
});
