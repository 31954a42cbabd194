import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ImportActivities } from '../../src/activities/import-activities.js';
import { createLogger } from '../../src/logging/logger.js';
import { startWorker, type RunningWorker } from '../../src/main/start-worker.js';
import { fixtureObject } from '../support/fixtures.js';
import { signInCookie } from '../support/operator-session.js';
import { startPipeline, workflowBundle, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitFor, waitForImportFinished } from '../support/wait-for.js';

let pipeline: Pipeline;
const workers: RunningWorker[] = [];

before(async () => {
  pipeline = await startPipeline(testSetup());
});
after(async () => {
  for (const worker of workers) await worker.close();
  await pipeline?.close();
});

const operatorToken = () => pipeline.config.operatorTokens.find((entry) => entry.name === 'operator')?.token ?? '';

// A mapping step with a bug nobody planned for: it throws on every attempt, so the step runs out of retries.
const brokenMapping: Partial<ImportActivities> = {
  validateAndMapPush: () => Promise.reject(new Error('mapping bug: interventions[0] has no price table')),
};

async function startWorkerWith(overrides: Partial<ImportActivities>): Promise<RunningWorker> {
  const { code } = await workflowBundle();
  const worker = await startWorker(pipeline.config, createLogger({ level: 'silent', name: 'unplanned' }), {
    workflows: { workflowBundle: { code } },
    activityOverrides: overrides,
  });
  workers.push(worker);
  return worker;
}

describe('an import that stops for a reason nobody planned', () => {
  it('when a step runs out of retries, then the import log says failed in plain words, and a retry after the fix imports it', async () => {
    await pipeline.worker.close();
    const broken = await startWorkerWith(brokenMapping);
    const body = fixtureObject('valid-full');
    body['messageId'] = `unplanned-${pipeline.garage.id}`;
    const text = JSON.stringify(body);
    const answer = await sendPush(pipeline.receiver.url, text, { garage: pipeline.garage });
    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    const importId = String(answer.json['importId']);

    const record = await waitForImportFinished(pipeline.mongo.collections, importId);
    assert.equal(record.status, 'failed');
    assert.ok(record.finishedAt instanceof Date, 'the import has a finishing time');
    assert.deepEqual(
      record.issues.map((issue) => [issue.path, issue.code]),
      [['step.validateAndMapPush', 'import_stopped']],
    );
    assert.match(record.issues[0]?.message ?? '', /mapping bug: interventions\[0\] has no price table/);
    assert.equal(
      await pipeline.mongo.collections.appointments.countDocuments({ garageId: pipeline.garage.id }),
      0,
      'nothing was written',
    );

    const detail = await fetch(`${pipeline.receiver.operatorUrl}/api/v1/imports/${importId}`, {
      headers: { Authorization: `Bearer ${operatorToken()}` },
    });
    const view = (await detail.json()) as { statusInWords: string };
    assert.match(view.statusInWords, /stopped in one of its steps for a reason nobody planned/);

    const page = await fetch(`${pipeline.receiver.operatorUrl}/support/imports/${importId}`, {
      headers: { Cookie: (await signInCookie(pipeline.receiver.operatorUrl, operatorToken())).cookie },
    });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /for a reason nobody planned/);
    assert.match(html, /Retry this import/i);

    // A resend is still one import: support retries it once the cause is fixed.
    const resend = await sendPush(pipeline.receiver.url, text, { garage: pipeline.garage });
    assert.equal(resend.status, 200);
    await broken.close();
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
});
