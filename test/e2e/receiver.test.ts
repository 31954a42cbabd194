import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { readFixture } from '../support/fixtures.js';
import { startPipeline, startReceiverAlone, type Pipeline } from '../support/pipeline.js';
import { sendPush, type PushAnswer } from '../support/push-client.js';
import { testSetup } from '../support/test-env.js';
import { waitFor } from '../support/wait-for.js';

let pipeline: Pipeline;

before(async () => {
  pipeline = await startPipeline();
});
after(async () => {
  await pipeline?.close();
});

function uniquePush(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    messageId: randomUUID(),
    sentAt: '2026-11-27T09:15:02+01:00',
    appointment: { dmsNumber: `D-${randomUUID().slice(0, 8)}`, appointmentDate: '01-12-2026 08:30' },
    car: { registrationNumber: 'GB123X' },
    ...extra,
  });
}

function assertRefused(answer: PushAnswer, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.json));
  const error = answer.json['error'] as Record<string, unknown> | undefined;
  assert.ok(error, 'the answer has an error body');
  assert.equal(error['code'], code);
  assert.equal(typeof error['message'], 'string');
  assert.deepEqual(
    Object.keys(error).filter((key) => !['code', 'message', 'issues'].includes(key)),
    [],
    'no stack or internals',
  );
}

describe('POST /carsys/v1/pushes: the envelope, as the contract says', () => {
  const url = () => pipeline.receiver.url;
  const garage = () => pipeline.garage;

  it('when the body is not application/json, then 415', async () => {
    assertRefused(
      await sendPush(url(), uniquePush(), { garage: garage(), contentType: 'text/plain' }),
      415,
      'unsupported_media_type',
    );
  });

  it('when the JSON is declared in another charset than UTF-8, then 415', async () => {
    const answer = await sendPush(url(), uniquePush(), {
      garage: garage(),
      contentType: 'application/json; charset=latin1',
    });
    assertRefused(answer, 415, 'unsupported_media_type');
  });

  it('when the body is over 1 MiB, then 413', async () => {
    const body = uniquePush({ padding: 'x'.repeat(1024 * 1024) });
    assertRefused(await sendPush(url(), body, { garage: garage() }), 413, 'body_too_large');
  });

  it('when the garage id header is missing, then 401', async () => {
    assertRefused(await sendPush(url(), uniquePush(), { garage: garage(), garageId: '' }), 401, 'missing_garage_id');
  });

  it('when the garage is not registered, then the same 401 as a wrong signature, and support still sees why', async () => {
    const unknown = await sendPush(url(), uniquePush(), { garage: garage(), garageId: 'no-such-garage' });
    const wrongSecret = await sendPush(url(), uniquePush(), { garage: garage(), secret: 'not-the-secret-at-all-0001' });
    assertRefused(unknown, 401, 'invalid_signature');
    assert.deepEqual(unknown.json, wrongSecret.json);
    // Counted with every other id that is not a configured garage; the examples keep the id that was sent.
    const recorded = await waitFor('the refusal to be recorded', () =>
      pipeline.mongo.db
        .collection('rejection_counts')
        .findOne({ garageIdClaimed: '(unknown)', 'samples.garageIdClaimed': 'no-such-garage' }),
    );
    assert.equal(recorded['code'], 'unknown_garage');
  });

  it('when the headers already fail, then the answer comes before the body is sent', async () => {
    const { port } = new URL(url());
    const stale = String(Math.floor(Date.now() / 1000) - 3600);
    const answer = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: Number(port),
        method: 'POST',
        path: '/carsys/v1/pushes',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': '1000000',
          'X-Carsys-Garage-Id': garage().id,
          'X-Carsys-Timestamp': stale,
          'X-Carsys-Signature': 'sha256=00',
        },
      });
      req.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders(); // headers only: not one byte of the announced body
    });
    assert.equal(answer, 401);
  });

  it('when the body comes with a Content-Encoding we do not take, then 415, not a 500', async () => {
    const answer = await sendPush(url(), uniquePush(), { garage: garage(), headers: { 'Content-Encoding': 'foo' } });
    assertRefused(answer, 415, 'unsupported_content_encoding');
  });

  it('when the timestamp is more than 300 s old, then 401', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000) - 301);
    assertRefused(
      await sendPush(url(), uniquePush(), { garage: garage(), timestamp }),
      401,
      'timestamp_out_of_tolerance',
    );
  });

  it('when the timestamp is not a number, then 401', async () => {
    assertRefused(
      await sendPush(url(), uniquePush(), { garage: garage(), timestamp: 'yesterday' }),
      401,
      'missing_timestamp',
    );
  });

  it('when the signature is missing, then 401', async () => {
    assertRefused(await sendPush(url(), uniquePush(), { garage: garage(), signature: '' }), 401, 'missing_signature');
  });

  it('when the signature was made over another body, then 401', async () => {
    const answer = await sendPush(url(), uniquePush(), { garage: garage(), signature: `sha256=${'0'.repeat(64)}` });
    assertRefused(answer, 401, 'invalid_signature');
  });

  it("when one garage's signature comes with another garage's id, then 401", async () => {
    const answer = await sendPush(url(), uniquePush(), { garage: garage(), garageId: pipeline.otherGarage.id });
    assertRefused(answer, 401, 'invalid_signature');
  });

  it('when the push is signed with the second active secret, then it is accepted (rotation)', async () => {
    const answer = await sendPush(url(), uniquePush(), { garage: garage(), secret: garage().secrets[1] });
    assert.equal(answer.status, 202, JSON.stringify(answer.json));
    assert.equal(answer.json['status'], 'accepted');
  });

  it('when the body is not JSON, then 400 invalid_json', async () => {
    assertRefused(await sendPush(url(), '{"appointment": ', { garage: garage() }), 400, 'invalid_json');
  });

  it('when the body is not valid UTF-8, then 400 invalid_encoding', async () => {
    const body = Buffer.concat([
      Buffer.from('{"appointment":{"dmsNumber":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}}'),
    ]);
    assertRefused(await sendPush(url(), body, { garage: garage() }), 400, 'invalid_encoding');
  });

  it('when the body is a JSON array, then 400 not_an_object', async () => {
    assertRefused(await sendPush(url(), '[1,2]', { garage: garage() }), 400, 'not_an_object');
  });

  it('when appointment.dmsNumber is missing, then 400 naming that field', async () => {
    const answer = await sendPush(url(), JSON.stringify({ appointment: { woNumber: 'WO-1' } }), { garage: garage() });
    assertRefused(answer, 400, 'missing_dms_number');
    const issues = (answer.json['error'] as { issues: { path: string }[] }).issues;
    assert.equal(issues[0]?.path, 'appointment.dmsNumber');
  });

  it('when Idempotency-Key differs from messageId, then 400', async () => {
    const answer = await sendPush(url(), uniquePush(), {
      garage: garage(),
      headers: { 'Idempotency-Key': 'something-else' },
    });
    assertRefused(answer, 400, 'idempotency_key_mismatch');
  });

  it('when Idempotency-Key equals messageId, then the push is accepted', async () => {
    const messageId = randomUUID();
    const body = uniquePush({ messageId });
    const answer = await sendPush(url(), body, { garage: garage(), headers: { 'Idempotency-Key': messageId } });
    assert.equal(answer.status, 202);
  });

  it('when a push without messageId is sent twice, then the same body is recognised as a duplicate', async () => {
    const body = uniquePush({ messageId: null });
    const first = await sendPush(url(), body, { garage: garage() });
    const second = await sendPush(url(), body, { garage: garage() });
    assert.equal(first.status, 202);
    assert.equal(second.status, 200);
    assert.equal(second.json['status'], 'duplicate');
    assert.equal(second.json['importId'], first.json['importId']);
    assert.equal(second.json['workflowId'], first.json['workflowId']);
  });

  it('when a push is accepted, then its workflow id names the garage and the DMS number', async () => {
    const answer = await sendPush(url(), readFixture('valid-lease-car'), { garage: garage() });
    assert.equal(answer.status, 202);
    assert.match(String(answer.json['workflowId']), new RegExp(`^carsys-import/${garage().id}/dms-184470/`));
    assert.match(String(answer.json['importId']), /^imp_[0-9a-f]{26}$/);
  });
});

describe('health', () => {
  it('when the process is up, then /healthz answers 200', async () => {
    const response = await fetch(`${pipeline.receiver.url}/healthz`);
    assert.equal(response.status, 200);
  });

  it('when Temporal and the database answer, then /readyz is 200 and says so per check', async () => {
    const response = await fetch(`${pipeline.receiver.url}/readyz`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { checks: Record<string, { ok: boolean }> };
    assert.equal(body.checks['temporal']?.ok, true);
    assert.equal(body.checks['database']?.ok, true);
  });
});

describe('when Temporal cannot be reached', () => {
  it('then a push is answered 503 with Retry-After, never 2xx, and /readyz says why', async () => {
    const setup = testSetup({ TEMPORAL_ADDRESS: '127.0.0.1:1' });
    const receiver = await startReceiverAlone(setup);
    try {
      const answer = await sendPush(receiver.url, uniquePush(), { garage: setup.garage });
      assertRefused(answer, 503, 'temporal_unavailable');
      assert.equal(answer.headers.get('retry-after'), String(setup.config.receiver.retryAfterSeconds));

      const ready = await fetch(`${receiver.url}/readyz`);
      assert.equal(ready.status, 503);
      const body = (await ready.json()) as { checks: Record<string, { ok: boolean; reason?: string }> };
      assert.equal(body.checks['temporal']?.ok, false);
      assert.match(body.checks['temporal']?.reason ?? '', /temporal unreachable/);
      assert.equal(body.checks['database']?.ok, true);
    } finally {
      await receiver.close();
    }
  });
});
