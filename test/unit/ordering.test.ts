import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validatePushBody } from '../../src/domain/contract/validate-push.js';
import { mapPush } from '../../src/domain/mapping/map-push.js';
import {
  comparePushOrder,
  orderingTime,
  sentAtAheadToleranceMs,
  supersedes,
  type PushOrder,
} from '../../src/domain/ordering.js';
import { pushOrderOf } from '../../src/store/push-order.js';
import { pushBody } from '../support/push-body.js';

const at = (iso: string) => new Date(iso);

function order(orderedAt: string, receivedAt: string, importId: string): PushOrder {
  return { orderedAt: at(orderedAt), receivedAt: at(receivedAt), importId };
}

describe('the time a push is ordered by', () => {
  const cases: { name: string; sentAt: string; receivedAt: string; at: string; ahead: boolean }[] = [
    {
      name: 'sent a little before receipt',
      sentAt: '2026-11-27T09:00:00Z',
      receivedAt: '2026-11-27T09:00:02Z',
      at: '2026-11-27T09:00:00Z',
      ahead: false,
    },
    {
      name: 'sent long before receipt (a push kept in a queue)',
      sentAt: '2026-11-20T09:00:00Z',
      receivedAt: '2026-11-27T09:00:00Z',
      at: '2026-11-20T09:00:00Z',
      ahead: false,
    },
    {
      name: 'a DMS clock a few minutes fast, within the tolerance',
      sentAt: '2026-11-27T09:04:59Z',
      receivedAt: '2026-11-27T09:00:00Z',
      at: '2026-11-27T09:04:59Z',
      ahead: false,
    },
    {
      name: 'exactly at the tolerance',
      sentAt: '2026-11-27T09:05:00Z',
      receivedAt: '2026-11-27T09:00:00Z',
      at: '2026-11-27T09:05:00Z',
      ahead: false,
    },
    {
      name: 'one millisecond past the tolerance',
      sentAt: '2026-11-27T09:05:00.001Z',
      receivedAt: '2026-11-27T09:00:00Z',
      at: '2026-11-27T09:00:00Z',
      ahead: true,
    },
    {
      name: 'a year typed wrong (2062 for 2026)',
      sentAt: '2062-11-27T09:00:00Z',
      receivedAt: '2026-11-27T09:00:00Z',
      at: '2026-11-27T09:00:00Z',
      ahead: true,
    },
  ];
  for (const testCase of cases) {
    it(`when ${testCase.name}, then it is ordered at ${testCase.at}${testCase.ahead ? ', its sentAt set aside' : ''}`, () => {
      const result = orderingTime(at(testCase.sentAt), at(testCase.receivedAt));
      assert.equal(result.at.toISOString(), at(testCase.at).toISOString());
      assert.equal(result.sentAtAhead, testCase.ahead);
    });
  }

  it('when the tolerance is read, then it is five minutes', () => {
    assert.equal(sentAtAheadToleranceMs, 300_000);
  });
});

describe('which of two pushes comes later', () => {
  it('when ordering times differ, then the later time wins, whatever the receipt order', () => {
    const older = order('2026-11-27T09:00:00Z', '2026-11-27T09:10:00Z', 'imp-a');
    const newer = order('2026-11-27T09:05:00Z', '2026-11-27T09:06:00Z', 'imp-b');
    assert.ok(comparePushOrder(older, newer) < 0);
    assert.equal(supersedes(newer, older), true);
    assert.equal(supersedes(older, newer), false);
  });

  it('when ordering times are equal (whole seconds, or a date only), then the one received later wins', () => {
    const first = order('2026-11-27T00:00:00Z', '2026-11-27T09:00:00.100Z', 'imp-z');
    const second = order('2026-11-27T00:00:00Z', '2026-11-27T09:00:00.250Z', 'imp-a');
    assert.equal(supersedes(second, first), true);
    assert.equal(supersedes(first, second), false);
  });

  it('when time and receipt are both equal, then the import id decides, the same way for every document', () => {
    const a = order('2026-11-27T09:00:00Z', '2026-11-27T09:00:01Z', 'imp-a');
    const b = order('2026-11-27T09:00:00Z', '2026-11-27T09:00:01Z', 'imp-b');
    assert.equal(supersedes(b, a), true);
    assert.equal(supersedes(a, b), false);
  });

  it('when the same push is written again (a retry), then it may overwrite its own version', () => {
    const push = order('2026-11-27T09:00:00Z', '2026-11-27T09:00:01Z', 'imp-a');
    assert.equal(comparePushOrder(push, push), 0);
    assert.equal(supersedes(push, push), true);
  });

  it('when several versions are sorted by the rule, then the last is the one kept', () => {
    const versions = [
      order('2026-11-27T09:00:00Z', '2026-11-27T09:00:03Z', 'third-received'),
      order('2026-11-27T08:00:00Z', '2026-11-27T09:00:04Z', 'oldest-time'),
      order('2026-11-27T09:00:00Z', '2026-11-27T09:00:01Z', 'first-received'),
    ];
    const sorted = [...versions].sort(comparePushOrder).map((version) => version.importId);
    assert.deepEqual(sorted, ['oldest-time', 'first-received', 'third-received']);
  });
});

describe('documents stored before the ordering time was kept', () => {
  it('when a stored stamp has no orderedAt, then its sentAt orders it', () => {
    const stamp = { sentAt: at('2026-11-27T09:00:00Z'), receivedAt: at('2026-11-27T09:00:02Z'), importId: 'old' };
    assert.equal(pushOrderOf(stamp).orderedAt.toISOString(), '2026-11-27T09:00:00.000Z');
  });

  it('when a stored stamp has no orderedAt and a sentAt far in the future, then its receipt orders it, so it blocks nothing', () => {
    const poisoned = { sentAt: at('2030-01-01T00:00:00Z'), receivedAt: at('2026-11-27T09:00:00Z'), importId: 'old' };
    const next = order('2026-11-27T10:00:00Z', '2026-11-27T10:00:01Z', 'next');
    assert.equal(pushOrderOf(poisoned).orderedAt.toISOString(), '2026-11-27T09:00:00.000Z');
    assert.equal(supersedes(next, pushOrderOf(poisoned)), true);
  });

  it('when a stored stamp has an orderedAt, then that orders it', () => {
    const stamp = {
      sentAt: at('2030-01-01T00:00:00Z'),
      orderedAt: at('2026-11-27T09:00:00Z'),
      receivedAt: at('2026-11-27T09:00:00Z'),
      importId: 'new',
    };
    assert.equal(pushOrderOf(stamp).orderedAt.toISOString(), '2026-11-27T09:00:00.000Z');
  });
});

describe('mapping a push whose sentAt lies in the future', () => {
  function warningsOf(sentAt: string, receivedAt: string): string[] {
    const validation = validatePushBody(pushBody({ sentAt }));
    if (!validation.ok) assert.fail(JSON.stringify(validation.issues));
    return mapPush(validation.push, receivedAt).warnings.map((warning) => `${warning.path} ${warning.code}`);
  }

  it('when sentAt is more than five minutes after receipt, then a sent_at_in_future warning is given and sentAt is kept as sent', () => {
    const validation = validatePushBody(pushBody({ sentAt: '2027-11-27T09:15:02+01:00' }));
    if (!validation.ok) assert.fail(JSON.stringify(validation.issues));
    const mapped = mapPush(validation.push, '2026-11-27T08:20:00.000Z');
    assert.deepEqual(
      mapped.warnings.map((warning) => `${warning.path} ${warning.code}`),
      ['sentAt sent_at_in_future'],
    );
    assert.match(mapped.warnings[0]?.message ?? '', /more than 5 minutes after the push was received/);
    assert.equal(mapped.sentAt, '2027-11-27T08:15:02.000Z');
  });

  it('when sentAt is within five minutes after receipt, then there is no warning', () => {
    assert.deepEqual(warningsOf('2026-11-27T09:19:00+01:00', '2026-11-27T08:15:00.000Z'), []);
  });

  it('when sentAt is a date only, on the day of receipt, then there is no warning', () => {
    assert.deepEqual(warningsOf('2026-11-27', '2026-11-27T08:15:00.000Z'), []);
  });
});
