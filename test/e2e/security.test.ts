import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createKeyring } from '../../src/crypto/keyring.js';
import { rawBodyText, type ImportRequest } from '../../src/domain/import-request.js';
import { openText } from '../../src/store/encrypted-text.js';
import { readFixture } from '../support/fixtures.js';
import { startPipeline, startReceiverAlone, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitFor, waitForImportFinished } from '../support/wait-for.js';

const logLines: string[] = [];
const logSink: DestinationStream = { write: (line: string) => void logLines.push(line) };
let pipeline: Pipeline;

before(async () => {
  pipeline = await startPipeline(testSetup(), { logSink });
});
after(async () => {
  await pipeline?.close();
});

const tokenWith = (name: string) => pipeline.config.operatorTokens.find((token) => token.name === name)?.token ?? '';

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${pipeline.receiver.operatorUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('logs', () => {
  it('when a full import runs, then the captured logs hold no customer data and no secret, and tie the request to its workflow', async () => {
    const answer = await sendPush(pipeline.receiver.url, readFixture('valid-full'), { garage: pipeline.garage });
    await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
    await sendPush(pipeline.receiver.url, readFixture('valid-full'), {
      garage: pipeline.garage,
      signature: 'sha256=00',
    });
    const logs = logLines.join('');
    assert.ok(logs.length > 0, 'something was logged');
    for (const forbidden of [
      'de Vries',
      'Dorpsstraat',
      'jan.devries',
      '+31612345678',
      '06 12345678',
      '1234 AB',
      'GB-123-X',
    ]) {
      assert.equal(logs.toLowerCase().includes(forbidden.toLowerCase()), false, `the logs contain ${forbidden}`);
    }
    for (const secret of [
      ...pipeline.garage.secrets,
      tokenWith('operator'),
      ...pipeline.config.encryptionKeys.map((key) => key.key),
    ]) {
      assert.equal(logs.includes(secret), false, 'the logs contain a secret');
    }
    const accepted = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line['answer'] === 'accepted');
    assert.equal(accepted?.['workflowId'], answer.json['workflowId']);
    assert.equal(typeof accepted?.['requestId'], 'string');
  });
});

describe('codec endpoint for the Temporal Web UI', () => {
  async function encryptedInputOfAnImport(): Promise<unknown> {
    const answer = await sendPush(pipeline.receiver.url, readFixture('valid-lease-car'), { garage: pipeline.garage });
    const record = await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
    const connection = await Connection.connect({ address: pipeline.config.temporal.address });
    try {
      const history = await new Client({ connection }).workflow.getHandle(record.workflowId).fetchHistory();
      const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      assert.ok(input);
      return {
        metadata: Object.fromEntries(
          Object.entries(input.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
        ),
        data: Buffer.from(input.data ?? new Uint8Array()).toString('base64'),
      };
    } finally {
      await connection.close();
    }
  }

  it('when an operator with the decode scope asks, then the encrypted workflow input decodes to the push', async () => {
    const payload = await encryptedInputOfAnImport();
    const response = await post(
      '/codec/decode',
      { payloads: [payload] },
      { Authorization: `Bearer ${tokenWith('operator')}` },
    );
    assert.equal(response.status, 200);
    const body = (await response.json()) as { payloads: { data: string }[] };
    const decoded = Buffer.from(body.payloads[0]?.data ?? '', 'base64').toString('utf8');
    const request = JSON.parse(decoded) as ImportRequest;
    assert.ok(rawBodyText(request.rawBodyBase64).includes('El Amrani'), 'the operator reads the customer in clear');
  });

  it('when encode then decode run through the endpoint, then the payload comes back unchanged', async () => {
    const plain = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from('"hello"').toString('base64'),
    };
    const auth = { Authorization: `Bearer ${tokenWith('operator')}` };
    const encoded = (await (await post('/codec/encode', { payloads: [plain] }, auth)).json()) as {
      payloads: unknown[];
    };
    assert.notEqual(JSON.stringify(encoded.payloads[0]), JSON.stringify(plain));
    const decoded = (await (await post('/codec/decode', encoded, auth)).json()) as { payloads: unknown[] };
    assert.deepEqual(decoded.payloads[0], plain);
  });

  it('when there is no token, then 401; when the token lacks the decode scope, then 403', async () => {
    const noToken = await post('/codec/decode', { payloads: [] });
    assert.equal(noToken.status, 401);
    const reader = await post('/codec/decode', { payloads: [] }, { Authorization: `Bearer ${tokenWith('reader')}` });
    assert.equal(reader.status, 403);
  });

  it("when the Web UI's origin sends a preflight, then CORS allows it; another origin gets no CORS grant", async () => {
    const ui = pipeline.config.codecCorsOrigins[0] ?? '';
    const allowed = await fetch(`${pipeline.receiver.operatorUrl}/codec/decode`, {
      method: 'OPTIONS',
      headers: { Origin: ui },
    });
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), ui);
    const other = await fetch(`${pipeline.receiver.operatorUrl}/codec/decode`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});

describe('raw pushes at rest after a key rotation', () => {
  it('when a new key becomes active and the old one is kept, then a push stored before still decrypts', async () => {
    const answer = await sendPush(pipeline.receiver.url, readFixture('suspicious-date'), { garage: pipeline.garage });
    const record = await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
    const rotated = createKeyring([
      { id: 'next', key: Buffer.alloc(32, 7).toString('base64') },
      ...pipeline.config.encryptionKeys,
    ]);
    assert.equal(rotated.active.id, 'next');
    assert.equal(openText(rotated, record.rawBody), readFixture('suspicious-date'));
  });
});

describe('refused pushes are visible to support', () => {
  it('when a push fails its signature, then the rejection log shows garage, reason, time and size, and never the body', async () => {
    const body = JSON.stringify({ appointment: { dmsNumber: 'SECRET-BODY-123' } });
    await sendPush(pipeline.receiver.url, body, { garage: pipeline.garage, signature: 'sha256=bad' });
    type Sample = { at: string; sizeBytes: number; requestId: string; garageIdClaimed: string };
    type Rejection = { code: string; status: number; count: number; garageIdClaimed: string; samples: Sample[] };
    // The receiver records a rejection after answering, so the log may lag the answer by a moment.
    const rejection = await waitFor('the rejection to be listed', async () => {
      const response = await fetch(
        `${pipeline.receiver.operatorUrl}/api/v1/rejections?garageId=${pipeline.garage.id}`,
        {
          headers: { Authorization: `Bearer ${tokenWith('reader')}` },
        },
      );
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.equal(text.includes('SECRET-BODY-123'), false);
      const { items } = JSON.parse(text) as { items: Rejection[] };
      return items.find(
        (item) =>
          item.code === 'invalid_signature' &&
          item.samples.some((sample) => sample.sizeBytes === Buffer.byteLength(body)),
      );
    });
    assert.equal(rejection.status, 401);
    assert.equal(rejection.garageIdClaimed, pipeline.garage.id);
    assert.ok(rejection.count >= 1);
    const sample = rejection.samples.find((candidate) => candidate.sizeBytes === Buffer.byteLength(body));
    assert.ok(sample !== undefined && Date.parse(sample.at) > Date.now() - 60_000);
  });

  it('when nobody presents an operator token, then the rejection log is closed', async () => {
    const response = await fetch(`${pipeline.receiver.operatorUrl}/api/v1/rejections`);
    assert.equal(response.status, 401);
  });
});

describe('the Carsys-facing listener', () => {
  it('when the operator surface is asked for on the push port, then 404: it lives on its own listener', async () => {
    for (const path of ['/support', '/api/v1/imports', '/api/v1/rejections', '/metrics', '/openapi.json']) {
      const onPushPort = await fetch(`${pipeline.receiver.url}${path}`);
      assert.equal(onPushPort.status, 404, path);
      const onOperatorPort = await fetch(`${pipeline.receiver.operatorUrl}${path}`);
      assert.notEqual(onOperatorPort.status, 404, path);
    }
    const decode = await fetch(`${pipeline.receiver.url}/codec/decode`, { method: 'POST', body: '{}' });
    assert.equal(decode.status, 404);
    // The Web UI (served on the operator listener when TEMPORAL_UI_UPSTREAM is set) is never on the push port.
    assert.equal((await fetch(`${pipeline.receiver.url}/temporal/namespaces/default/workflows`)).status, 404);
  });

  it('when a path holds a malformed percent-escape or a form has thousands of fields, then a 4xx, not a 500', async () => {
    const malformed = await fetch(`${pipeline.receiver.operatorUrl}/api/v1/imports/%E0%A4%A`, {
      headers: { Authorization: `Bearer ${tokenWith('reader')}` },
    });
    assert.equal(malformed.status, 400);
    assert.equal(((await malformed.json()) as { error: { code: string } }).error.code, 'bad_request');
    const fields = Array.from({ length: 5000 }, (_, index) => `f${index}=x`).join('&');
    const form = await fetch(`${pipeline.receiver.operatorUrl}/support/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: pipeline.receiver.operatorUrl },
      body: fields,
    });
    assert.ok(form.status >= 400 && form.status < 500, `answered ${form.status}`);
  });

  it('when a push is sent to the operator listener, then 404: only the Carsys-facing one takes pushes', async () => {
    const answer = await sendPush(pipeline.receiver.operatorUrl, readFixture('valid-full'), {
      garage: pipeline.garage,
    });
    assert.equal(answer.status, 404);
  });

  it('when nothing says otherwise, then the operator listener binds the loopback interface only', () => {
    assert.equal(loadConfig({ ENCRYPTION_KEYS: pipeline.env['ENCRYPTION_KEYS'] ?? '' }).operator.host, '127.0.0.1');
    assert.match(pipeline.receiver.operatorUrl, /^http:\/\/127\.0\.0\.1:/);
  });
});

describe('abuse', () => {
  it('when a garage goes over its rate limit, then 429 with Retry-After, and other garages are not affected', async () => {
    const setup = testSetup({ RATE_LIMIT_PER_MINUTE: '2' });
    const receiver = await startReceiverAlone(setup);
    try {
      const push = () => JSON.stringify({ messageId: randomUUID(), appointment: { dmsNumber: '1' } });
      for (let sent = 0; sent < 2; sent++) {
        assert.equal((await sendPush(receiver.url, push(), { garage: setup.garage })).status, 202);
      }
      const third = await sendPush(receiver.url, push(), { garage: setup.garage });
      assert.equal(third.status, 429);
      assert.equal((third.json['error'] as { code: string }).code, 'rate_limited');
      assert.ok(Number(third.headers.get('retry-after')) >= 1);
      const other = await sendPush(receiver.url, push(), { garage: setup.otherGarage });
      assert.notEqual(other.status, 429);
    } finally {
      await receiver.close();
    }
  });

  it('when any answer goes out, then it carries security headers and no framework banner', async () => {
    const response = await fetch(`${pipeline.receiver.url}/healthz`);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(response.headers.get('content-security-policy'));
    assert.equal(response.headers.get('x-powered-by'), null);
  });

  it('when an unknown path is asked for, then a 404 in the error format, without internals', async () => {
    const response = await fetch(`${pipeline.receiver.url}/../../etc/passwd`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'not_found');
  });
});
