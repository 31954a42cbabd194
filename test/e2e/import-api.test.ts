import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/logging/logger.js';
import { startWorker, type RunningWorker } from '../../src/main/start-worker.js';
import { fixtureObject, readFixture } from '../support/fixtures.js';
import { olderValidation } from '../support/older-validation.js';
import { startPipeline, workflowBundle, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitFor, waitForImportFinished } from '../support/wait-for.js';

let pipeline: Pipeline;

before(async () => {
  pipeline = await startPipeline(testSetup());
});
after(async () => {
  await pipeline?.close();
});

const token = (name: string) => pipeline.config.operatorTokens.find((entry) => entry.name === name)?.token ?? '';

async function api(path: string, init: { method?: string; body?: unknown; as?: string } = {}) {
  const response = await fetch(`${pipeline.receiver.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${token(init.as ?? 'operator')}`, 'Content-Type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function pushAndFinish(body: string) {
  const answer = await sendPush(pipeline.receiver.url, body, { garage: pipeline.garage });
  assert.equal(answer.status, 202, JSON.stringify(answer.json));
  return waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
}

function shortDatePush(dmsNumber: string, woNumber: string): string {
  const body = fixtureObject('valid-lease-car');
  body['messageId'] = `short-date-${dmsNumber}`;
  const appointment = body['appointment'] as Record<string, unknown>;
  Object.assign(appointment, { dmsNumber, woNumber, appointmentDate: '3-2-2027 9:30' });
  return JSON.stringify(body);
}

describe('import log API', () => {
  it('when support searches by WO number, then the failed import is found with its reasons in plain words', async () => {
    const record = await pushAndFinish(readFixture('invalid-fields'));
    const { status, json } = await api(`/api/v1/imports?woNumber=WO-24-01890`, { as: 'reader' });
    assert.equal(status, 200);
    const items = json['items'] as {
      importId: string;
      status: string;
      statusInWords: string;
      issues: { path: string }[];
    }[];
    assert.equal(items.length, 1);
    assert.equal(items[0]?.importId, record._id);
    assert.equal(items[0]?.status, 'failed');
    assert.match(items[0]?.statusInWords ?? '', /retry/);
    assert.ok(items[0]?.issues.some((issue) => issue.path === 'appointment.appointmentDate'));

    const detail = await api(`/api/v1/imports/${record._id}`, { as: 'reader' });
    assert.equal(detail.status, 200);
    assert.match(String(detail.json['webUiUrl']), /\/namespaces\/default\/workflows\/carsys-import%2F/);
    assert.equal('rawBody' in detail.json, false);
  });

  it('when support searches by registration as people type it, then the import is found', async () => {
    await pushAndFinish(readFixture('valid-full'));
    const { json } = await api(`/api/v1/imports?registration=gb%20123%20x`, { as: 'reader' });
    assert.equal((json['items'] as unknown[]).length, 1);
  });

  it('when results span pages, then the cursor walks them newest first without overlap', async () => {
    await pushAndFinish(readFixture('suspicious-date'));
    const first = await api(`/api/v1/imports?garageId=${pipeline.garage.id}&limit=2`, { as: 'reader' });
    const firstItems = first.json['items'] as { importId: string; receivedAt: string }[];
    assert.equal(firstItems.length, 2);
    assert.ok(first.json['nextCursor']);
    const second = await api(
      `/api/v1/imports?garageId=${pipeline.garage.id}&limit=2&cursor=${first.json['nextCursor'] as string}`,
      {
        as: 'reader',
      },
    );
    const secondItems = second.json['items'] as { importId: string; receivedAt: string }[];
    assert.ok(secondItems.length >= 1);
    const ids = [...firstItems, ...secondItems].map((item) => item.importId);
    assert.equal(new Set(ids).size, ids.length);
    const times = [...firstItems, ...secondItems].map((item) => Date.parse(item.receivedAt));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });

  it('when support filters by warning code, then only imports with that warning come back', async () => {
    const { json } = await api(`/api/v1/imports?warning=suspicious_date`, { as: 'reader' });
    const items = json['items'] as { dmsNumber: string }[];
    assert.deepEqual(
      items.map((item) => item.dmsNumber),
      ['184490'],
    );
  });

  it('when the timeline of an appointment is asked for, then every push for it is listed in sentAt order', async () => {
    await pushAndFinish(readFixture('cancel'));
    const { json } = await api(`/api/v1/garages/${pipeline.garage.id}/appointments/184467/timeline`, { as: 'reader' });
    const items = json['items'] as { event: string; status: string }[];
    assert.deepEqual(
      items.map((item) => [item.event, item.status]),
      [
        ['appointment.upsert', 'imported'],
        ['appointment.cancel', 'imported'],
      ],
    );
  });

  it('when a retry of an import that succeeded is asked for, then it is refused with a clear message', async () => {
    const imported = await pipeline.mongo.collections.imports.findOne({
      garageId: pipeline.garage.id,
      status: 'imported',
    });
    assert.ok(imported);
    const { status, json } = await api(`/api/v1/imports/${imported._id}/retry`, { method: 'POST' });
    assert.equal(status, 409);
    assert.match(String((json['error'] as { message: string }).message), /only failed imports can be retried/);
  });

  it('when a reader tries to retry, then 403; without a token, then 401', async () => {
    const reader = await api(`/api/v1/imports/imp_x/retry`, { method: 'POST', as: 'reader' });
    assert.equal(reader.status, 403);
    const anonymous = await fetch(`${pipeline.receiver.url}/api/v1/imports`);
    assert.equal(anonymous.status, 401);
  });

  it('when the silence report is asked for, then every configured garage is listed with its last push', async () => {
    const { json } = await api('/api/v1/garages/silence', { as: 'reader' });
    const garages = json['garages'] as { garageId: string; lastPushAt: string | null }[];
    assert.equal(json['thresholdBusinessHours'], pipeline.config.silenceBusinessHours);
    assert.ok(garages.find((garage) => garage.garageId === pipeline.garage.id)?.lastPushAt);
    assert.equal(garages.find((garage) => garage.garageId === pipeline.otherGarage.id)?.lastPushAt, null);
  });
});

describe('retrying a push that began with a byte order mark', () => {
  it('when a failed push began with a UTF-8 byte order mark, then support can retry it like any other', async () => {
    const body = fixtureObject('invalid-fields');
    body['messageId'] = `bom-${pipeline.garage.id}`;
    const record = await pushAndFinish(`\uFEFF${JSON.stringify(body)}`);
    assert.equal(record.status, 'failed');
    const retry = await api(`/api/v1/imports/${record._id}/retry`, { method: 'POST' });
    assert.equal(retry.status, 202, JSON.stringify(retry.json));
    const retried = await waitFor('the retry to fail again on the same fields', () =>
      pipeline.mongo.collections.imports.findOne({
        _id: record._id,
        status: 'failed',
        'attempts.0': { $exists: true },
      }),
    );
    assert.deepEqual(
      retried.issues.map((issue) => issue.path),
      record.issues.map((issue) => issue.path),
    );
  });
});

describe('retry after the cause is fixed', () => {
  let olderWorker: RunningWorker | undefined;

  it('when failed imports are retried once the code is fixed, then a dry run lists them and the retry imports them', async () => {
    // Stop the current worker and run one with the older validation: these imports fail.
    const setup = { ...pipeline };
    await setup.worker.close();
    const { code } = await workflowBundle();
    olderWorker = await startWorker(pipeline.config, createLogger({ level: 'silent', name: 'older' }), {
      workflows: { workflowBundle: { code } },
      activityOverrides: olderValidation,
    });
    const first = await pushAndFinish(shortDatePush('R-1', 'WO-R-1'));
    const second = await pushAndFinish(shortDatePush('R-2', 'WO-R-2'));
    assert.equal(first.status, 'failed');
    assert.equal(second.status, 'failed');
    await olderWorker.close();

    // The fix is deployed: a worker with the current code.
    const fixed = await startWorker(pipeline.config, createLogger({ level: 'silent', name: 'fixed' }), {
      workflows: { workflowBundle: { code } },
    });
    try {
      const single = await api(`/api/v1/imports/${first._id}/retry`, { method: 'POST' });
      assert.equal(single.status, 202, JSON.stringify(single.json));
      assert.match(String(single.json['workflowId']), /\/retry-1$/);
      const retried = await waitFor('the retried import to be imported', () =>
        pipeline.mongo.collections.imports.findOne({ _id: first._id, status: 'imported' }),
      );
      assert.equal(retried.attempts.length, 1);
      assert.equal(retried.attempts[0]?.by, 'operator');
      const appointment = await pipeline.mongo.collections.appointments.findOne({
        garageId: pipeline.garage.id,
        dmsNumber: 'R-1',
      });
      assert.equal(appointment?.appointmentAt?.toISOString(), '2027-02-03T08:30:00.000Z');

      const dryRun = await api('/api/v1/imports/retry', { method: 'POST', body: { garageId: pipeline.garage.id } });
      assert.equal(dryRun.status, 200);
      const wouldRetry = dryRun.json['wouldRetry'] as { importId: string }[];
      assert.ok(wouldRetry.some((candidate) => candidate.importId === second._id));
      assert.equal(
        await pipeline.mongo.collections.imports.countDocuments({ _id: second._id, status: 'failed' }),
        1,
        'a dry run changes nothing',
      );

      const bulk = await api('/api/v1/imports/retry', {
        method: 'POST',
        body: { garageId: pipeline.garage.id, woNumber: 'WO-R-2', dryRun: false },
      });
      assert.equal(bulk.status, 202);
      assert.equal(bulk.json['total'], 1);
      await waitFor('the bulk-retried import to be imported', () =>
        pipeline.mongo.collections.imports.findOne({ _id: second._id, status: 'imported' }),
      );
    } finally {
      await fixed.close();
    }
  });
});
