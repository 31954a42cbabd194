import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importIdentity, sha256Hex } from '../../src/domain/import-request.js';

const bodyA = sha256Hex('{"appointment":{"dmsNumber":"184467"}}');
const bodyB = sha256Hex('{"appointment":{"dmsNumber":"184467","woNumber":"WO-1"}}');
const messageId = '0b6f3c1e-5d2a-4a43-9a57-3f1f2b9c0001';
const workflowIdCharacters = /^[A-Za-z0-9._/-]+$/;

describe('sha256Hex', () => {
  it('when text is hashed, then the lowercase hex SHA-256 comes out, the same for text and its bytes', () => {
    assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(sha256Hex('abc'), sha256Hex(new TextEncoder().encode('abc')));
  });
});

describe('importIdentity', () => {
  it('when the same messageId arrives with different bodies, then importId and workflow id are the same', () => {
    const first = importIdentity({ garageId: 'garage-7', dmsNumber: '184467', messageId, bodySha256: bodyA });
    const resend = importIdentity({ garageId: 'garage-7', dmsNumber: '184467', messageId, bodySha256: bodyB });
    assert.deepEqual(resend, first);
    assert.equal(first.dedupKey, `message:${messageId}`);
  });

  it('when there is no messageId, then the push is keyed by its body hash', () => {
    const first = importIdentity({ garageId: 'garage-7', dmsNumber: '184467', messageId: null, bodySha256: bodyA });
    const again = importIdentity({ garageId: 'garage-7', dmsNumber: '184467', messageId: null, bodySha256: bodyA });
    const other = importIdentity({ garageId: 'garage-7', dmsNumber: '184467', messageId: null, bodySha256: bodyB });
    assert.deepEqual(again, first);
    assert.equal(first.dedupKey, `body:${bodyA}`);
    assert.notEqual(other.importId, first.importId);
    assert.notEqual(other.workflowId, first.workflowId);
    assert.equal(first.workflowId, `carsys-import/garage-7/dms-184467/body-${bodyA.slice(0, 16)}`);
  });

  it('when a push has a messageId, then its body hash does not key it and a body-keyed push differs', () => {
    const byMessage = importIdentity({ garageId: 'garage-7', dmsNumber: '184467', messageId, bodySha256: bodyA });
    const byBody = importIdentity({ garageId: 'garage-7', dmsNumber: '184467', messageId: null, bodySha256: bodyA });
    assert.notEqual(byMessage.importId, byBody.importId);
  });

  it('when two garages send the same messageId, then they get different importIds and workflow ids', () => {
    const garage7 = importIdentity({ garageId: 'garage-7', dmsNumber: '184467', messageId, bodySha256: bodyA });
    const garage8 = importIdentity({ garageId: 'garage-8', dmsNumber: '184467', messageId, bodySha256: bodyA });
    assert.notEqual(garage8.importId, garage7.importId);
    assert.notEqual(garage8.workflowId, garage7.workflowId);
    assert.equal(garage8.dedupKey, garage7.dedupKey);
  });

  it('when an import is named, then its importId is imp_ and 26 hex characters', () => {
    const { importId } = importIdentity({ garageId: 'garage-7', dmsNumber: '184467', messageId, bodySha256: bodyA });
    assert.match(importId, /^imp_[0-9a-f]{26}$/);
  });

  it('when the ids are ordinary, then the workflow id reads as garage, DMS number and messageId', () => {
    const { workflowId } = importIdentity({ garageId: 'garage-7', dmsNumber: '184467', messageId, bodySha256: bodyA });
    assert.equal(workflowId, `carsys-import/garage-7/dms-184467/${messageId}`);
  });

  it('when dmsNumber, messageId and garage id are hostile, then the workflow id keeps to safe characters and four parts', () => {
    const hostile = [
      { garageId: 'garage 7/../x', dmsNumber: '../../etc/passwd', messageId: 'a/b?c#d\n\u0000é"<script>' },
      { garageId: 'g', dmsNumber: '18\u202e4467 ', messageId: '💥'.repeat(100) },
      { garageId: 'g', dmsNumber: '%2F%2e%2e', messageId: null },
    ];
    for (const input of hostile) {
      const { workflowId } = importIdentity({ ...input, bodySha256: bodyA });
      assert.match(workflowId, workflowIdCharacters, workflowId);
      assert.equal(workflowId.split('/').length, 4, workflowId);
      assert.ok(workflowId.length <= 255, `${workflowId.length} characters`);
    }
  });

  it('when dmsNumber is hostile, then the workflow id still shows what is readable of it and the garage', () => {
    const { workflowId } = importIdentity({
      garageId: 'garage-7',
      dmsNumber: '18/4467',
      messageId,
      bodySha256: bodyA,
    });
    assert.ok(workflowId.startsWith('carsys-import/garage-7/dms-18_4467'), workflowId);
  });

  it('when two messageIds differ only in characters a workflow id cannot hold, then their workflow ids differ', () => {
    const ids = ['order/1', 'order_1', 'order 1', 'order?1'].map(
      (id) =>
        importIdentity({ garageId: 'garage-7', dmsNumber: '184467', messageId: id, bodySha256: bodyA }).workflowId,
    );
    assert.equal(new Set(ids).size, ids.length, ids.join('\n'));
    for (const id of ids) assert.match(id, workflowIdCharacters);
  });

  it('when two long messageIds share their first 64 characters, then their workflow ids differ', () => {
    const prefix = 'x'.repeat(64);
    const first = importIdentity({ garageId: 'g', dmsNumber: '1', messageId: `${prefix}-1`, bodySha256: bodyA });
    const second = importIdentity({ garageId: 'g', dmsNumber: '1', messageId: `${prefix}-2`, bodySha256: bodyA });
    assert.notEqual(first.workflowId, second.workflowId);
  });

  it('when two dmsNumbers or garage ids differ only in unsafe characters, then their workflow ids differ', () => {
    const a = importIdentity({ garageId: 'g/1', dmsNumber: '1 2', messageId: null, bodySha256: bodyA });
    const b = importIdentity({ garageId: 'g_1', dmsNumber: '1 2', messageId: null, bodySha256: bodyA });
    const c = importIdentity({ garageId: 'g/1', dmsNumber: '1_2', messageId: null, bodySha256: bodyA });
    assert.equal(new Set([a.workflowId, b.workflowId, c.workflowId]).size, 3);
  });
});
