import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BSON } from 'mongodb';
import type { DestinationStream } from 'pino';
import { createLogger } from '../../src/logging/logger.js';
import { startReceiver, type RunningReceiver } from '../../src/main/start-receiver.js';
import { garageAuditCollectionName, garagesCollectionName } from '../../src/store/garage-store.js';
import { refusalsByGarageAndReason } from '../../src/store/rejections.js';
import { databaseOutage } from '../support/database-outage.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { pushBody } from '../support/push-body.js';
import { sendPush, type PushAnswer } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitFor, waitForImportFinished } from '../support/wait-for.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const refreshSeconds = 1;
const logLines: string[] = [];
const logSink: DestinationStream = { write: (line: string) => void logLines.push(line) };
/** Every secret the CLI printed, to look for in the database, the audit and the logs. */
const secretsShown: string[] = [];
let pipeline: Pipeline;

before(async () => {
  pipeline = await startPipeline(testSetup({ GARAGE_REFRESH_SECONDS: String(refreshSeconds) }), { logSink });
});
after(async () => {
  await pipeline?.close();
});

/** Runs `npm run imports -- garages ...` as an on-call engineer would, with the named operator's token. */
async function cli(as: string, ...args: string[]): Promise<{ stdout: string; code: number }> {
  const token = pipeline.config.operatorTokens.find((entry) => entry.name === as)?.token ?? '';
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main/imports-cli.ts', 'garages', ...args], {
      cwd: root,
      env: { ...process.env, IMPORTS_API_URL: pipeline.receiver.operatorUrl, OPERATOR_TOKEN: token },
    });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; code: number };
    return { stdout: failed.stdout, code: failed.code };
  }
}

/** Adds a garage through the CLI and returns the secret it printed once. */
async function addGarage(): Promise<{ id: string; secret: string }> {
  const id = `cli-${randomBytes(4).toString('hex')}`;
  const { stdout, code } = await cli('garage-admin', 'add', id);
  assert.equal(code, 0, stdout);
  return { id, secret: printedSecret(stdout) };
}

function printedSecret(stdout: string): string {
  const secret = /^secret: +(\S+)$/m.exec(stdout)?.[1];
  assert.ok(secret !== undefined, `no secret printed in:\n${stdout}`);
  secretsShown.push(secret);
  return secret;
}

let pushCount = 0;
/** A push of its own (own messageId, own appointment) for the garage, signed with the secret given. */
function push(garage: { id: string; secret: string }, receiverUrl = pipeline.receiver.url): Promise<PushAnswer> {
  pushCount++;
  const body = pushBody({
    messageId: `msg-${garage.id}-${pushCount}`,
    appointment: { dmsNumber: String(700_000 + pushCount) },
  });
  return sendPush(receiverUrl, body, {
    garage: { id: garage.id, secrets: [garage.secret], keepImportingAfterWorkStarted: false },
  });
}

async function waitForRejection(garageId: string, code: string) {
  const period = { from: new Date(Date.now() - 60 * 60_000), to: new Date(Date.now() + 60 * 60_000), garageId };
  return waitFor(`a ${code} rejection for ${garageId}`, async () => {
    const refusals = await refusalsByGarageAndReason(pipeline.mongo.db, period);
    return refusals.find((refusal) => refusal.code === code) ?? null;
  });
}

describe('garages as data, through the CLI', () => {
  it('when a garage is added, then a push signed with the secret printed once is imported', async () => {
    const garage = await addGarage();
    const answer = await push(garage);
    assert.equal(answer.status, 202);
    const record = await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
    assert.equal(record.status, 'imported');
    const { stdout } = await cli('garage-admin', 'show', garage.id);
    assert.match(stdout, new RegExp(`^${garage.id} {2}enabled {2}\\(api,`, 'm'));
    assert.match(stdout, /garage_added +garage-admin/);
    assert.equal(stdout.includes(garage.secret), false);
  });

  it('when a secret is rotated while pushes keep arriving, then none is refused or lost; the old one retired is refused', async (t) => {
    const garage = await addGarage();
    const oldSecret = garage.secret;
    let newSecret: string | null = null;
    const answers: PushAnswer[] = [];
    const signedWith = { oldBeforeRotation: 0, oldDuringGrace: 0, newDuringGrace: 0 };
    let sending = true;
    // Carsys keeps pushing throughout: with the old secret until it has the new one, then with both, as two of its
    // servers would while the new secret is rolled out to them.
    const sender = (async () => {
      let turn = 0;
      while (sending) {
        turn++;
        const useNew = newSecret !== null && turn % 2 === 0;
        if (useNew) signedWith.newDuringGrace++;
        else if (newSecret === null) signedWith.oldBeforeRotation++;
        else signedWith.oldDuringGrace++;
        answers.push(await push({ id: garage.id, secret: useNew && newSecret !== null ? newSecret : oldSecret }));
        await sleep(20);
      }
    })();
    await waitFor('pushes before the rotation', () => Promise.resolve(answers.length >= 3 ? true : null));
    const rotated = await cli('garage-admin', 'new-secret', garage.id, '--grace-hours', '1');
    assert.equal(rotated.code, 0, rotated.stdout);
    newSecret = printedSecret(rotated.stdout);
    assert.match(rotated.stdout, /secret sec_\w+ +created \S+ +valid until \d{4}-/);
    const sentBefore = answers.length;
    await waitFor('pushes during the grace period', () =>
      Promise.resolve(answers.length >= sentBefore + 10 ? true : null),
    );
    sending = false;
    await sender;

    const refused = answers.filter((answer) => answer.status !== 202);
    assert.deepEqual(
      refused.map((answer) => answer.json),
      [],
    );
    assert.ok(signedWith.oldDuringGrace >= 4 && signedWith.newDuringGrace >= 4, JSON.stringify(signedWith));
    for (const answer of answers) {
      const record = await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
      assert.equal(record.status, 'imported');
    }
    const messageIds = answers.length;
    t.diagnostic(`pushes during the rotation, every one 202 and imported once: ${JSON.stringify(signedWith)}`);
    assert.equal(await pipeline.mongo.collections.imports.countDocuments({ garageId: garage.id }), messageIds);

    const retired = await cli('garage-admin', 'retire-secret', garage.id);
    assert.equal(retired.code, 0, retired.stdout);
    assert.equal((await push({ id: garage.id, secret: oldSecret })).status, 401);
    assert.equal((await push({ id: garage.id, secret: newSecret })).status, 202);
    const lastOne = await cli('garage-admin', 'retire-secret', garage.id);
    assert.equal(lastOne.code, 1);
    assert.match(lastOne.stdout, /only valid secret.+\(last_secret\)/);
  });

  it('when the grace period ends, then the old secret is refused without anyone retiring it', async () => {
    const garage = await addGarage();
    const rotated = await cli('garage-admin', 'new-secret', garage.id, '--grace-hours', '0.001');
    const newSecret = printedSecret(rotated.stdout);
    assert.equal((await push(garage)).status, 202);
    await sleep(4_000);
    assert.equal((await push(garage)).status, 401);
    assert.equal((await push({ id: garage.id, secret: newSecret })).status, 202);
    const shown = await cli('garage-admin', 'show', garage.id);
    assert.equal(shown.stdout.match(/^ {2}secret sec_/gm)?.length, 1, shown.stdout);
  });

  it('when a garage is disabled, then its pushes are refused like a bad signature and recorded as garage_disabled; enabled, accepted again', async () => {
    const garage = await addGarage();
    const disabled = await cli('garage-admin', 'disable', garage.id);
    assert.equal(disabled.code, 0, disabled.stdout);
    assert.match(disabled.stdout, /disabled: its pushes are refused/);
    const refused = await push(garage);
    assert.equal(refused.status, 401);
    assert.deepEqual(refused.json, {
      error: {
        code: 'invalid_signature',
        message: 'The signature does not match the body and timestamp for this garage.',
      },
    });
    const rejection = await waitForRejection(garage.id, 'garage_disabled');
    assert.equal(rejection.status, 401);
    assert.equal(rejection.count, 1);
    assert.equal((await cli('garage-admin', 'enable', garage.id)).code, 0);
    assert.equal((await push(garage)).status, 202);
    const { stdout } = await cli('reader', 'show', garage.id);
    assert.match(stdout, /garage_enabled +garage-admin[\s\S]+garage_disabled +garage-admin[\s\S]+garage_added/);
  });

  it('when a garage changes through one receiver, then another receiver sees it within the refresh interval', async (t) => {
    const other: RunningReceiver = await startReceiver(
      pipeline.config,
      createLogger({ level: 'silent', name: 'second-receiver' }),
    );
    try {
      const garage = await addGarage();
      const added = Date.now();
      await waitFor('the second receiver to accept the new garage', async () =>
        (await push(garage, other.url)).status === 202 ? true : null,
      );
      const seenAfterMs = Date.now() - added;
      assert.equal((await cli('garage-admin', 'disable', garage.id)).code, 0);
      const disabledAt = Date.now();
      await waitFor('the second receiver to refuse the disabled garage', async () =>
        (await push(garage, other.url)).status === 401 ? true : null,
      );
      const refusedAfterMs = Date.now() - disabledAt;
      t.diagnostic(`second receiver: added seen after ${seenAfterMs} ms, disabled after ${refusedAfterMs} ms`);
      // One refresh interval, plus a push's own round trip and a loaded machine's slack.
      for (const ms of [seenAfterMs, refusedAfterMs]) assert.ok(ms < refreshSeconds * 1000 + 1_500, `took ${ms} ms`);
    } finally {
      await other.close();
    }
  });

  it('when the database is down, then a receiver keeps accepting pushes with the garages it read last', async () => {
    const outage = await databaseOutage(pipeline.config.mongo);
    const receiver = await startReceiver(
      { ...pipeline.config, mongo: { ...pipeline.config.mongo, url: outage.url } },
      createLogger({ level: 'silent', name: 'receiver-behind-relay' }),
    );
    try {
      const garage = await addGarage();
      await waitFor('the receiver to know the new garage', async () =>
        (await push(garage, receiver.url)).status === 202 ? true : null,
      );
      await outage.goDown();
      await sleep(refreshSeconds * 3_000);
      const answer = await push(garage, receiver.url);
      assert.equal(answer.status, 202);
      const record = await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
      assert.equal(record.status, 'imported');
    } finally {
      await receiver.close();
      await outage.close();
    }
  });

  it('when the garage API gets bad input, then 400 naming the field, or 404/409 in plain words', async () => {
    const token = pipeline.config.operatorTokens.find((entry) => entry.name === 'garage-admin')?.token ?? '';
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${pipeline.receiver.operatorUrl}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as { error: Record<string, unknown> } };
    };
    const badId = await post('/api/v1/garages', { garageId: 'no spaces/or slashes' });
    assert.equal(badId.status, 400);
    assert.equal(badId.json.error['code'], 'invalid_request');
    assert.deepEqual(
      (badId.json.error['issues'] as { path: string; message: string }[]).map((issue) => [issue.path, issue.message]),
      [['garageId', 'garage ids are letters, digits, - and _ (at most 64)']],
    );
    const badGrace = await post(`/api/v1/garages/${pipeline.garage.id}/secrets`, { graceHours: 'a day' });
    assert.equal(badGrace.status, 400);
    assert.equal((badGrace.json.error['issues'] as { path: string }[])[0]?.path, 'graceHours');
    const existing = await post('/api/v1/garages', { garageId: pipeline.garage.id });
    assert.deepEqual([existing.status, existing.json.error['code']], [409, 'garage_exists']);
    // The bootstrap garage has two valid secrets (a rotation in progress): a third is refused.
    const third = await post(`/api/v1/garages/${pipeline.garage.id}/secrets`, {});
    assert.deepEqual([third.status, third.json.error['code']], [409, 'rotation_in_progress']);
    const missing = await cli('garage-admin', 'show', 'no-such-garage');
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /There is no garage with this id\. \(garage_not_found\)/);
  });

  it('when a read-only token tries to manage garages, then it is refused and nothing changes', async () => {
    const before = await pipeline.mongo.db.collection(garagesCollectionName).countDocuments();
    const added = await cli('reader', 'add', `nope-${randomBytes(4).toString('hex')}`);
    assert.equal(added.code, 1);
    assert.match(added.stdout, /lacks the "garages" scope\. \(scope_missing\)/);
    const disabled = await cli('reader', 'disable', pipeline.garage.id);
    assert.match(disabled.stdout, /\(scope_missing\)/);
    assert.equal(await pipeline.mongo.db.collection(garagesCollectionName).countDocuments(), before);
    const { stdout, code } = await cli('reader', 'list');
    assert.equal(code, 0);
    // CARSYS_GARAGES is seeded into the database as the development bootstrap.
    assert.match(stdout, new RegExp(`^${pipeline.garage.id} +enabled +bootstrap_1 bootstrap_2 +bootstrap`, 'm'));
  });

  it('when the garages and the audit are read raw, then no secret shown appears there, nor in any log line', async () => {
    const garage = await addGarage();
    printedSecret((await cli('garage-admin', 'new-secret', garage.id)).stdout);
    const raw = async (name: string) =>
      Buffer.concat(
        (await pipeline.mongo.db.collection(name).find({}).toArray()).map((document) =>
          Buffer.from(BSON.serialize(document)),
        ),
      );
    const garages = await raw(garagesCollectionName);
    const audit = await raw(garageAuditCollectionName);
    const logs = logLines.join('\n');
    for (const secret of [...secretsShown, ...pipeline.garage.secrets]) {
      assert.equal(garages.includes(secret), false, 'a garage secret is stored in clear');
      assert.equal(audit.includes(secret), false, 'a garage secret is in the audit');
      assert.equal(logs.includes(secret), false, 'a garage secret is in the logs');
    }
    const entries = await pipeline.mongo.db
      .collection(garageAuditCollectionName)
      .find({ by: 'garage-admin', action: 'secret_issued' })
      .toArray();
    assert.ok(entries.length >= 1);
    assert.ok(logLines.length > 0);
  });
});
