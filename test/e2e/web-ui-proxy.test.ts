import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { OperatorToken } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { createImportMetrics } from '../../src/metrics/import-metrics.js';
import { createOperatorApp } from '../../src/operator/operator-app.js';
import { operatorCookie, type OperatorAuth } from '../../src/operator/operator-auth.js';
import { operatorGuessLimit } from '../../src/operator/operator-guess-limit.js';
import { operatorSessions } from '../../src/operator/operator-sessions.js';
import { webUiProxy } from '../../src/operator/web-ui-proxy.js';
import { openMongo, type MongoHandle } from '../../src/store/open-mongo.js';
import { operatorSessionStore } from '../../src/store/operator-sessions.js';
import { testSetup } from '../support/test-env.js';

// What the Web UI server behind the proxy was asked: the operator listener's side is what this file tests; the real
// Web UI behind it is tested in a browser (temporal-web-ui.test.ts).
type Seen = { method: string; url: string; headers: IncomingHttpHeaders };
const seen: Seen[] = [];

const tokens: OperatorToken[] = [
  { name: 'reader', token: 'reader-token-for-the-web-ui-proxy', scopes: ['read'] },
  { name: 'decoder', token: 'decoder-token-without-read-scope', scopes: ['decode'] },
];
const logger = createLogger({ level: 'silent', name: 'test-web-ui-proxy' });

let mongo: MongoHandle;
let auth: OperatorAuth;
let readerSession: string;
let decoderSession: string;
let upstream: Server;
let operator: Server;
let unreachable: Server;
let operatorUrl: string;
let unreachableUrl: string;

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const appFor = (upstreamUrl: string) =>
  createOperatorApp({
    readiness: [],
    logger,
    auth,
    trustProxy: false,
    routes: [webUiProxy({ upstream: upstreamUrl, tokens, logger })],
  });

before(async () => {
  // Sign-ins are sessions in the real database; this file starts them directly instead of through the sign-in form.
  mongo = await openMongo(testSetup().config.mongo, 5_000);
  const sessions = operatorSessions({
    store: operatorSessionStore(mongo.db),
    idleMs: 60_000,
    maxMs: 600_000,
    now: () => new Date(),
  });
  auth = {
    sessions,
    guesses: operatorGuessLimit({ perIp: 10, total: 100, windowSeconds: 900 }),
    logger,
    metrics: createImportMetrics(),
  };
  readerSession = await sessions.start({ name: 'reader', scopes: ['read'] });
  decoderSession = await sessions.start({ name: 'decoder', scopes: ['decode'] });
  upstream = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.setHeader('Content-Type', 'text/html');
    res.end('<p>the Web UI</p>');
  });
  const upstreamUrl = await listen(upstream);
  operator = createServer(appFor(upstreamUrl));
  operatorUrl = await listen(operator);
  // A port that nothing listens on any more: the UI server is down.
  const closed = createServer();
  const closedUrl = await listen(closed);
  closed.close();
  unreachable = createServer(appFor(closedUrl));
  unreachableUrl = await listen(unreachable);
});
after(async () => {
  upstream?.close();
  operator?.close();
  unreachable?.close();
  await mongo?.db.dropDatabase();
  await mongo?.client.close();
});

const reader = tokens[0]?.token ?? '';
const signedIn = (sessionId: string, more = '') => ({ Cookie: `${operatorCookie}=${sessionId}${more}` });

describe('the Temporal Web UI on the operator listener (/temporal)', () => {
  it('when nobody is signed in, then the sign-in form is shown, bringing the operator back to the UI, and nothing reaches the UI server', async () => {
    const before = seen.length;
    const answer = await fetch(`${operatorUrl}/temporal/namespaces/default/workflows`);
    const page = await answer.text();
    assert.equal(answer.status, 200);
    assert.match(page, /Operator token/);
    assert.match(page, /name="next" value="\/temporal\/namespaces\/default\/workflows"/);
    assert.equal(seen.length, before);
  });

  it('when a reader is signed in, then the UI is served under /temporal, without our sign-in cookie', async () => {
    const answer = await fetch(`${operatorUrl}/temporal/namespaces/default/workflows?query=x`, {
      headers: signedIn(readerSession, '; _csrf=ui-server-token'),
    });
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), '<p>the Web UI</p>');
    const request = seen.at(-1);
    assert.equal(request?.url, '/temporal/namespaces/default/workflows?query=x');
    // The UI server's own CSRF cookie goes through; the operator's credential stays with us.
    assert.equal(request?.headers.cookie, '_csrf=ui-server-token');
    assert.match(answer.headers.get('content-security-policy') ?? '', /connect-src 'self'/);
  });

  it('when a signed-in reader also sends a bearer token, then the UI server never sees the token', async () => {
    const answer = await fetch(`${operatorUrl}/temporal/api/v1/settings`, {
      headers: { ...signedIn(readerSession), Authorization: `Bearer ${reader}` },
    });
    assert.equal(answer.status, 200);
    const request = seen.at(-1);
    assert.equal(request?.url, '/temporal/api/v1/settings');
    assert.equal(request?.headers.authorization, undefined);
    assert.equal(request?.headers.cookie, undefined);
  });

  it('when the signed-in operator lacks the read scope, then 403 and nothing reaches the UI server', async () => {
    const before = seen.length;
    const answer = await fetch(`${operatorUrl}/temporal/`, { headers: signedIn(decoderSession) });
    assert.equal(answer.status, 403);
    assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'scope_missing');
    assert.equal(seen.length, before);
  });

  it('when the UI server does not answer, then 502 in the error format, no stack trace', async () => {
    const answer = await fetch(`${unreachableUrl}/temporal/`, { headers: signedIn(readerSession) });
    assert.equal(answer.status, 502);
    assert.deepEqual(await answer.json(), {
      error: {
        code: 'web_ui_unreachable',
        message: 'The Temporal Web UI does not answer right now; try again shortly.',
      },
    });
  });
});
