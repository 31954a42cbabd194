import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { rejectionBuffer } from '../../src/store/rejection-buffer.js';
import type { RejectionDocument } from '../../src/store/rejections.js';

function refusal(requestId: string): RejectionDocument {
  return { garageIdClaimed: 'g', status: 401, code: 'invalid_signature', at: new Date(0), sizeBytes: 10, requestId };
}

/** A rejection log that fails while `down` is set, and holds each write until `release` when `hang` is set. */
function fakeLog() {
  const written: string[] = [];
  const state = { down: false, hang: false, inFlight: 0, maxInFlight: 0, release: () => {} };
  return {
    written,
    state,
    async recordMany(batch: readonly RejectionDocument[]): Promise<void> {
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      try {
        if (state.hang) await new Promise<void>((resolve) => (state.release = resolve));
        if (state.down) throw new Error('database unreachable');
        written.push(...batch.map((rejection) => rejection.requestId));
      } finally {
        state.inFlight--;
      }
    },
  };
}

const options = { capacity: 3, batchSize: 2, retryAfterMs: 20 };

describe('rejection buffer', () => {
  it('when the database answers, then every refusal is written, in order, in batches', async () => {
    const log = fakeLog();
    const buffer = rejectionBuffer(log, options);
    for (const id of ['a', 'b', 'c']) buffer.record(refusal(id));
    await buffer.settled();
    assert.deepEqual(log.written, ['a', 'b', 'c']);
    assert.deepEqual(buffer.stats(), { pending: 0, dropped: 0 });
  });

  it('when the database is down, then refusals wait, the newest beyond capacity are dropped and counted, and the rest are written once it is back', async () => {
    const log = fakeLog();
    log.state.down = true;
    let droppedCalls = 0;
    const failures: unknown[] = [];
    const buffer = rejectionBuffer(log, {
      ...options,
      onDropped: () => droppedCalls++,
      onWriteFailed: (error) => failures.push(error),
    });
    for (const id of ['a', 'b', 'c', 'd', 'e']) buffer.record(refusal(id));
    await buffer.settled();
    assert.deepEqual(buffer.stats(), { pending: 3, dropped: 2 });
    assert.equal(droppedCalls, 2);
    assert.ok(failures.length >= 1);
    log.state.down = false;
    await sleep(60);
    await buffer.settled();
    assert.deepEqual(log.written, ['a', 'b', 'c']);
    assert.deepEqual(buffer.stats(), { pending: 0, dropped: 2 });
    buffer.stop();
  });

  it('when the database hangs, then one write at most is in flight however many refusals come', async () => {
    const log = fakeLog();
    log.state.hang = true;
    const buffer = rejectionBuffer(log, { ...options, capacity: 100 });
    for (let index = 0; index < 50; index++) buffer.record(refusal(String(index)));
    await sleep(10);
    assert.equal(log.state.maxInFlight, 1);
    log.state.hang = false;
    log.state.release();
    await buffer.settled();
    assert.equal(log.written.length, 50);
    assert.equal(log.state.maxInFlight, 1);
  });
});
