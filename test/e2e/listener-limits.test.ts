import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { signPush } from '../../src/receiver/authenticate-push.js';
import type { RunningReceiver } from '../../src/main/start-receiver.js';
import { startReceiverAlone } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { testSetup, type TestSetup } from '../support/test-env.js';

// Short bounds, so a slow client meets them within a test; the defaults are 10 s, 30 s and 5 s.
const setup: TestSetup = testSetup({
  HTTP_HEADERS_TIMEOUT_SECONDS: '0.6',
  HTTP_REQUEST_TIMEOUT_SECONDS: '1.5',
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '0.5',
  HTTP_MAX_CONNECTIONS: '4',
});
const perClient: TestSetup = testSetup({ HTTP_MAX_CONNECTIONS_PER_CLIENT: '2' });
let receiver: RunningReceiver;
let perClientReceiver: RunningReceiver;

before(async () => {
  [receiver, perClientReceiver] = await Promise.all([startReceiverAlone(setup), startReceiverAlone(perClient)]);
});
after(async () => {
  await Promise.all([receiver?.close(), perClientReceiver?.close()]);
});

function push(): string {
  return JSON.stringify({
    messageId: randomUUID(),
    sentAt: '2026-11-27T09:15:02+01:00',
    appointment: { dmsNumber: `L-${randomUUID().slice(0, 8)}`, appointmentDate: '01-12-2026 08:30' },
  });
}

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** What the server sent before it closed the connection, and after how long (from `since`). */
function untilClosed(socket: Socket, since: number): Promise<{ text: string; afterMs: number }> {
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('error', () => {});
  return new Promise((resolve) => socket.once('close', () => resolve({ text, afterMs: Date.now() - since })));
}

/** Writes `text` one byte every `everyMs` until the socket closes or the text is sent. */
async function trickle(socket: Socket, text: string, everyMs: number): Promise<number> {
  let sent = 0;
  for (const char of text) {
    if (socket.destroyed || socket.writableEnded) break;
    socket.write(char);
    sent++;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return sent;
}

function signedHead(path: string, body: string, garage = setup.garage): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return [
    `POST ${path} HTTP/1.1`,
    'Host: localhost',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Carsys-Garage-Id: ${garage.id}`,
    `X-Carsys-Timestamp: ${timestamp}`,
    `X-Carsys-Signature: ${signPush(garage.secrets[0] ?? '', timestamp, Buffer.from(body))}`,
    '',
    '',
  ].join('\r\n');
}

describe('a client slower than the listener allows', () => {
  for (const listener of ['the Carsys-facing listener', 'the operator listener'] as const) {
    it(`when headers come byte by byte slower than the header timeout on ${listener}, then it is cut off with 408`, async () => {
      const url = listener === 'the operator listener' ? receiver.operatorUrl : receiver.url;
      const socket = await open(url);
      const started = Date.now();
      const closed = untilClosed(socket, started);
      const head = `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ${'x'.repeat(200)}\r\n\r\n`;
      const sent = await trickle(socket, head, 20);
      const { text, afterMs } = await closed;
      assert.ok(sent < head.length, `the whole head was accepted (${sent} bytes over ${afterMs} ms)`);
      assert.match(text, /^HTTP\/1\.1 408 /);
      assert.match(text, /"code":"request_timeout"/);
      assert.ok(afterMs < 3_000, `cut off after ${afterMs} ms, the header timeout is 600 ms`);
    });
  }

  it('when a signed push trickles its body slower than the request timeout, then it is cut off and nothing is started', async () => {
    const body = push();
    const socket = await open(receiver.url);
    const started = Date.now();
    const closed = untilClosed(socket, started);
    socket.write(signedHead('/carsys/v1/pushes', body));
    const sent = await trickle(socket, body, 40);
    const { text, afterMs } = await closed;
    assert.ok(sent < body.length, `the whole body was accepted (${sent} bytes over ${afterMs} ms)`);
    assert.doesNotMatch(text, /^HTTP\/1\.1 202 /);
    assert.ok(afterMs >= 1_000 && afterMs < 4_000, `cut off after ${afterMs} ms, the request timeout is 1500 ms`);
  });

  it('when a kept-alive connection stays idle past the keep-alive timeout, then the listener closes it', async () => {
    const socket = await open(receiver.url);
    const closed = untilClosed(socket, Date.now());
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const { text, afterMs } = await closed;
    assert.match(text, /^HTTP\/1\.1 200 /);
    assert.ok(afterMs < 3_000, `idle connection kept ${afterMs} ms, the keep-alive timeout is 500 ms`);
  });
});

describe('connections beyond the bound', () => {
  it('when the listener already holds its most connections, then one more is closed at once, and a push works once they are gone', async () => {
    const held = await Promise.all([1, 2, 3, 4].map(() => open(receiver.url)));
    const extra = await open(receiver.url);
    const { text, afterMs } = await untilClosed(extra, Date.now());
    assert.equal(text, '', 'nothing is answered on a connection over the bound');
    assert.ok(afterMs < 500, `the extra connection stayed open ${afterMs} ms`);
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const answer = await sendPush(receiver.url, push(), { garage: setup.garage });
    assert.equal(answer.status, 202, JSON.stringify(answer.json));
  });

  it('when one client address holds its most connections, then its next is closed at once, and a push works once they are gone', async () => {
    const held = await Promise.all([1, 2].map(() => open(perClientReceiver.url)));
    const extra = await open(perClientReceiver.url);
    const { text, afterMs } = await untilClosed(extra, Date.now());
    assert.equal(text, '');
    assert.ok(afterMs < 500, `the extra connection stayed open ${afterMs} ms`);
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const answer = await sendPush(perClientReceiver.url, push(), { garage: perClient.garage });
    assert.equal(answer.status, 202, JSON.stringify(answer.json));
  });
});
