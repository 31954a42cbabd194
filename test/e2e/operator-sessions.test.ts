import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DestinationStream } from 'pino';
import { createLogger } from '../../src/logging/logger.js';
import { startReceiver } from '../../src/main/start-receiver.js';
import { operatorSessionsCollectionName } from '../../src/store/operator-sessions.js';
import { readFixture } from '../support/fixtures.js';
import { signInCookie } from '../support/operator-session.js';
import { startPipeline, startReceiverAlone, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitForImportFinished } from '../support/wait-for.js';

const suffix = randomBytes(4).toString('hex');
const tokens = {
  reader: `reader-token-${suffix}-0123456789`,
  operator: `operator-token-${suffix}-0123456789`,
  decoder: `decoder-token-${suffix}-0123456789`,
};
const operatorTokens = JSON.stringify([
  { name: 'reader', token: tokens.reader, scopes: ['read'] },
  { name: 'operator', token: tokens.operator, scopes: ['read', 'retry', 'decode'] },
  { name: 'decoder', token: tokens.decoder, scopes: ['decode'] },
]);

let pipeline: Pipeline;
let failed: { id: string; dmsNumber: string };

before(async () => {
  pipeline = await startPipeline(testSetup({ OPERATOR_TOKENS: operatorTokens }));
  const answer = await sendPush(pipeline.receiver.url, readFixture('invalid-fields'), { garage: pipeline.garage });
  const record = await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
  assert.equal(record.status, 'failed');
  failed = { id: record._id, dmsNumber: record.dmsNumber };
});
after(async () => {
  await pipeline?.close();
});

const operatorUrl = () => pipeline.receiver.operatorUrl;
const webUiOrigin = () => pipeline.config.codecCorsOrigins[0] ?? '';

/** Opens a support page with a Cookie header; says whether it showed the page or the sign-in form. */
async function openPage(baseUrl: string, path: string, cookie: string) {
  const answer = await fetch(`${baseUrl}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' });
  const text = await answer.text();
  return { status: answer.status, text, signInForm: text.includes('name="token"') };
}

const decode = (baseUrl: string, headers: Record<string, string>) =>
  fetch(`${baseUrl}/codec/decode`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: webUiOrigin(), ...headers },
    body: JSON.stringify({ payloads: [] }),
  });

describe('scopes on every operator surface', () => {
  it('when a decode-only operator signs in, then every support page answers 403 with no import on it, as the API does', async () => {
    const { cookie } = await signInCookie(operatorUrl(), tokens.decoder);
    const garage = pipeline.garage.id;
    for (const path of [
      '/support',
      `/support?q=WO-24-01890`,
      `/support/imports/${failed.id}`,
      `/support/timeline/${garage}/${failed.dmsNumber}`,
      `/support/where-is?garageId=${garage}&number=WO-24-01890`,
      `/support/retry?garageId=${garage}`,
    ]) {
      const page = await openPage(operatorUrl(), path, cookie);
      assert.equal(page.status, 403, path);
      assert.match(page.text, /Not allowed/, path);
      assert.match(page.text, /needs the &quot;read&quot; scope; your operator token has only: decode/, path);
      assert.equal(page.text.includes('WO-24-01890') && !path.includes('WO-24-01890'), false, path);
      assert.equal(page.text.includes(failed.id) && !path.includes(failed.id), false, path);
    }
    const api = await fetch(`${operatorUrl()}/api/v1/imports/${failed.id}`, {
      headers: { Authorization: `Bearer ${tokens.decoder}` },
    });
    assert.equal(api.status, 403);
  });

  it("when the Web UI calls the codec with the browser's session, then decode needs the decode scope", async () => {
    const decoder = await signInCookie(operatorUrl(), tokens.decoder);
    assert.equal((await decode(operatorUrl(), { Cookie: decoder.cookie })).status, 200);
    const reader = await signInCookie(operatorUrl(), tokens.reader);
    assert.equal((await decode(operatorUrl(), { Cookie: reader.cookie })).status, 403);
    assert.equal((await decode(operatorUrl(), { Authorization: `Bearer ${tokens.decoder}` })).status, 200);
  });
});

describe('support page sessions', () => {
  it('when an operator signs out, then the old cookie opens neither a page nor the codec any more', async () => {
    const { cookie } = await signInCookie(operatorUrl(), tokens.operator);
    const before = await openPage(operatorUrl(), '/support', cookie);
    assert.equal(before.signInForm, false);
    assert.match(before.text, /Find an import/);
    assert.equal((await decode(operatorUrl(), { Cookie: cookie })).status, 200);

    const signOut = await fetch(`${operatorUrl()}/support/logout`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: operatorUrl() },
      redirect: 'manual',
    });
    assert.equal(signOut.status, 303);

    const replayed = await openPage(operatorUrl(), '/support', cookie);
    assert.equal(replayed.signInForm, true, 'the copied cookie still opened the page after sign-out');
    assert.doesNotMatch(replayed.text, /Find an import/);
    assert.equal((await decode(operatorUrl(), { Cookie: cookie })).status, 401);
  });

  it('when an operator signs in, then the cookie is a random session id: it is no bearer token, the token is no cookie, and the database keeps only a hash', async () => {
    const first = await signInCookie(operatorUrl(), tokens.operator);
    const sessionId = first.cookie.slice(first.cookie.indexOf('=') + 1);
    assert.equal(first.cookie.includes(tokens.operator), false, 'the cookie holds the operator token');
    assert.ok(sessionId.length >= 40, 'a session id of 256 random bits');

    const asBearer = await fetch(`${operatorUrl()}/api/v1/imports/${failed.id}`, {
      headers: { Authorization: `Bearer ${sessionId}` },
    });
    assert.equal(asBearer.status, 401);
    for (const cookie of [`claire_session=${tokens.operator}`, `claire_operator=${tokens.operator}`]) {
      assert.equal((await openPage(operatorUrl(), '/support', cookie)).signInForm, true, cookie);
      assert.equal((await decode(operatorUrl(), { Cookie: cookie })).status, 401, cookie);
    }

    const stored = JSON.stringify(await pipeline.mongo.db.collection(operatorSessionsCollectionName).find().toArray());
    assert.ok(stored.includes('"operator":"operator"'), 'the session names its operator');
    assert.equal(stored.includes(sessionId), false, 'the database holds the session id itself');
    assert.equal(stored.includes(tokens.operator), false, 'the database holds the operator token');

    // Signing in again from the same browser gives a new id and ends the old session.
    const second = await signInCookie(operatorUrl(), tokens.operator, { Cookie: first.cookie });
    assert.notEqual(second.cookie, first.cookie);
    assert.equal((await openPage(operatorUrl(), '/support', first.cookie)).signInForm, true);
    assert.equal((await openPage(operatorUrl(), '/support', second.cookie)).signInForm, false);
  });

  it('when the listener is reached over plain HTTP without TRUST_PROXY, then the cookie is HttpOnly, SameSite=Strict and not Secure, whatever X-Forwarded-Proto says', async () => {
    const { setCookie } = await signInCookie(operatorUrl(), tokens.reader, { 'X-Forwarded-Proto': 'https' });
    assert.match(setCookie, /; HttpOnly/i);
    assert.match(setCookie, /; SameSite=Strict/i);
    assert.match(setCookie, /; Path=\//i);
    assert.doesNotMatch(setCookie, /; Secure/i);
  });
});

describe('state-changing API routes', () => {
  it('when a page of another origin on this site posts retries with the signed-in cookie, then 401 and nothing is retried', async () => {
    const { cookie } = await signInCookie(operatorUrl(), tokens.operator);
    const fromWebUi = { Cookie: cookie, Origin: webUiOrigin(), 'Content-Type': 'application/json' };
    const one = await fetch(`${operatorUrl()}/api/v1/imports/${failed.id}/retry`, {
      method: 'POST',
      headers: fromWebUi,
    });
    assert.equal(one.status, 401);
    assert.equal(((await one.json()) as { error: { code: string } }).error.code, 'bearer_token_required');
    const bulk = await fetch(`${operatorUrl()}/api/v1/imports/retry`, {
      method: 'POST',
      headers: fromWebUi,
      body: JSON.stringify({ garageId: pipeline.garage.id, dryRun: false }),
    });
    assert.equal(bulk.status, 401);
    const record = await pipeline.mongo.collections.imports.findOne({ _id: failed.id });
    assert.equal(record?.attempts.length, 0, 'a retry was started');

    // Reading still works with the session; a change works with the bearer token.
    const read = await fetch(`${operatorUrl()}/api/v1/imports/${failed.id}`, { headers: { Cookie: cookie } });
    assert.equal(read.status, 200);
    const dryRun = await fetch(`${operatorUrl()}/api/v1/imports/retry`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.operator}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ garageId: pipeline.garage.id, dryRun: true }),
    });
    assert.equal(dryRun.status, 200);
  });
});

describe('behind a TLS proxy, and session expiry', () => {
  let clock = Date.parse('2026-12-01T09:00:00Z');
  const setup = testSetup({ OPERATOR_TOKENS: operatorTokens, TRUST_PROXY: 'loopback' });
  let receiver: Awaited<ReturnType<typeof startReceiverAlone>>;
  before(async () => {
    receiver = await startReceiverAlone(setup, { now: () => new Date(clock) });
  });
  after(async () => {
    await receiver?.close();
  });
  const minutes = (count: number) => count * 60_000;

  it('when TRUST_PROXY is set and the proxy says the browser came over HTTPS, then the cookie is Secure', async () => {
    const { setCookie } = await signInCookie(receiver.operatorUrl, tokens.reader, { 'X-Forwarded-Proto': 'https' });
    assert.match(setCookie, /; Secure/i);
    assert.match(setCookie, /; HttpOnly/i);
    const plain = await signInCookie(receiver.operatorUrl, tokens.reader);
    assert.doesNotMatch(plain.setCookie, /; Secure/i);
  });

  it('when a session is not used for 30 minutes, then it has ended; use keeps it alive', async () => {
    const { cookie } = await signInCookie(receiver.operatorUrl, tokens.reader);
    for (const step of [29, 29, 29]) {
      clock += minutes(step);
      assert.equal((await openPage(receiver.operatorUrl, '/support', cookie)).signInForm, false, 'used in time');
    }
    clock += minutes(31);
    assert.equal((await openPage(receiver.operatorUrl, '/support', cookie)).signInForm, true, 'idle for 31 min');
  });

  it('when a session is 12 hours old, then it has ended however much it was used', async () => {
    const { cookie } = await signInCookie(receiver.operatorUrl, tokens.reader);
    for (let elapsed = 20; elapsed < 12 * 60; elapsed += 20) {
      clock += minutes(20);
      assert.equal((await openPage(receiver.operatorUrl, '/support', cookie)).signInForm, false, `${elapsed} min`);
    }
    clock += minutes(20);
    assert.equal((await openPage(receiver.operatorUrl, '/support', cookie)).signInForm, true, 'after 12 h');
  });
});

describe('guessing operator tokens', () => {
  const logLines: string[] = [];
  const logSink: DestinationStream = { write: (line: string) => void logLines.push(line) };
  const setup = testSetup({
    OPERATOR_TOKENS: operatorTokens,
    TRUST_PROXY: 'loopback',
    OPERATOR_AUTH_FAILURES_PER_IP: '3',
    OPERATOR_AUTH_FAILURES_TOTAL: '5',
  });
  let receiver: Awaited<ReturnType<typeof startReceiverAlone>>;
  before(async () => {
    receiver = await startReceiverAlone(setup, { logSink });
  });
  after(async () => {
    await receiver?.close();
  });

  const guesses = Array.from({ length: 5 }, (_, index) => `wrong-guess-${suffix}-${index}-0123456789`);
  const signIn = (token: string, clientIp: string) =>
    fetch(`${receiver.operatorUrl}/support/login`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: receiver.operatorUrl,
        'X-Forwarded-For': clientIp,
      },
      body: new URLSearchParams({ token }).toString(),
      redirect: 'manual',
    });

  it('when wrong tokens are tried past the limit, per address and over all, then 429 with Retry-After even for a right one, and each failure is counted and logged without the token', async () => {
    for (const guess of guesses.slice(0, 3)) {
      const answer = await fetch(`${receiver.operatorUrl}/api/v1/imports`, {
        headers: { Authorization: `Bearer ${guess}` },
      });
      assert.equal(answer.status, 401);
    }
    const blocked = await fetch(`${receiver.operatorUrl}/api/v1/imports`, {
      headers: { Authorization: `Bearer ${tokens.reader}` },
    });
    assert.equal(blocked.status, 429);
    assert.equal(((await blocked.json()) as { error: { code: string } }).error.code, 'too_many_attempts');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 15 * 60, `Retry-After ${retryAfter}`);

    // Another address still may try, until the total is spent; then every address waits.
    assert.equal((await signIn(guesses[3] ?? '', '203.0.113.7')).status, 401);
    assert.equal((await signIn(guesses[4] ?? '', '203.0.113.7')).status, 401);
    const everyone = await signIn(tokens.reader, '203.0.113.8');
    assert.equal(everyone.status, 429);
    assert.ok(Number(everyone.headers.get('retry-after')) >= 1);
    assert.match(await everyone.text(), /Too many wrong operator tokens/);

    const metrics = await (await fetch(`${receiver.operatorUrl}/metrics`)).text();
    assert.match(metrics, /carsys_operator_auth_failures_total\{surface="api"\} 3\b/);
    assert.match(metrics, /carsys_operator_auth_failures_total\{surface="support_login"\} 2\b/);
    const failures = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['msg'] === 'wrong operator token');
    assert.deepEqual(
      failures.map((line) => [line['surface'], line['ip']]),
      [
        ['api', '127.0.0.1'],
        ['api', '127.0.0.1'],
        ['api', '127.0.0.1'],
        ['support_login', '203.0.113.7'],
        ['support_login', '203.0.113.7'],
      ],
    );
    const logs = logLines.join('');
    for (const secret of [...guesses, tokens.reader]) assert.equal(logs.includes(secret), false, 'a token in the logs');
  });
});

describe('a token taken out of the configuration', () => {
  it('when a receiver restarts without an operator token, then the sessions signed in with it end', async () => {
    const before = testSetup({ OPERATOR_TOKENS: operatorTokens });
    const database = before.env['MONGODB_DATABASE'] ?? '';
    const withoutReader = JSON.stringify([{ name: 'operator', token: tokens.operator, scopes: ['read'] }]);
    const first = await startReceiverAlone(before);
    const second = await startReceiverAlone(testSetup({ OPERATOR_TOKENS: withoutReader, MONGODB_DATABASE: database }));
    try {
      const reader = await signInCookie(first.operatorUrl, tokens.reader);
      const operator = await signInCookie(first.operatorUrl, tokens.operator);
      assert.equal((await openPage(first.operatorUrl, '/support', reader.cookie)).signInForm, false);
      assert.equal((await openPage(second.operatorUrl, '/support', reader.cookie)).signInForm, true);
      const narrowed = await openPage(second.operatorUrl, '/support', operator.cookie);
      assert.equal(narrowed.signInForm, false);
      assert.match(narrowed.text, /Signed in as <strong>operator<\/strong> \(read\)/);
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('sessions while the database is away', () => {
  it('when the database cannot be reached, then sign-in and pages answer 503 with Retry-After, and a bearer token still decodes', async () => {
    const setup = testSetup({ OPERATOR_TOKENS: operatorTokens, MONGODB_URL: 'mongodb://127.0.0.1:1/' });
    // Nothing is started in Temporal or written to a database here, so there is nothing to clean up but the listener.
    const receiver = await startReceiver(setup.config, createLogger({ level: 'silent', name: 'test-receiver' }));
    try {
      const signIn = await fetch(`${receiver.operatorUrl}/support/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: receiver.operatorUrl },
        body: new URLSearchParams({ token: tokens.reader }).toString(),
        redirect: 'manual',
      });
      assert.equal(signIn.status, 503);
      assert.equal(signIn.headers.get('retry-after'), '30');
      assert.match(await signIn.text(), /Sign-ins are kept in the database, which does not answer/);
      const page = await openPage(receiver.operatorUrl, '/support', 'claire_session=some-session-id');
      assert.equal(page.status, 503);
      assert.equal((await decode(receiver.operatorUrl, { Authorization: `Bearer ${tokens.decoder}` })).status, 200);
    } finally {
      await receiver.close();
    }
  });
});
