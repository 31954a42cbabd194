import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { rejectionBuffer } from '../../src/store/rejection-buffer.js';
import type { RefusalTally, RejectionDocument } from '../../src/store/rejections.js';

function refusal(requestId: string, fields: Partial<RejectionDocument> = {}): RejectionDocument {
  return {
    garageIdClaimed: 'g',
    status: 401,
    code: 'invalid_signature',
    at: new Date(0),
    sizeBytes: 10,
    requestId,
    ...fields,
  };
}

/** A rejection log that fails while `down` is set, and holds each write until `release` when `hang` is set. */
function fakeLog() {
  const written: RefusalTally[] = [];
  const state = { down: false, hang: false, inFlight: 0, maxInFlight: 0, release: () => {} };
  return {
    written,
    state,
    async recordTally(tally: RefusalTally): Promise<void> {
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      try {
        if (state.hang) await new Promise<void>((resolve) => (state.release = resolve));
        if (state.down) throw new Error('database unreachable');
        written.push(tally);
      } finally {
        state.inFlight--;
      }
    },
  };
}

const isKnownGarage = (garageId: string) => garageId === 'g' || garageId === 'h';
const options = { isKnownGarage, capacity: 2, batchSize: 1, retryAfterMs: 20 };
const counted = (tallies: readonly RefusalTally[]) =>
  tallies.map((tally) => `${tally.garageIdClaimed}/${tally.code}:${tally.count}`);

describe('rejection buffer', () => {
  it('when refusals come, then they are written as counts per garage, reason and hour, oldest count first', async () => {
    const log = fakeLog();
    const buffer = rejectionBuffer(log, { ...options, capacity: 10 });
    log.state.hang = true;
    buffer.record(refusal('a'));
    for (const id of ['b', 'c']) buffer.record(refusal(id));
    buffer.record(refusal('d', { code: 'timestamp_out_of_tolerance' }));
    buffer.record(refusal('e', { garageIdClaimed: 'h' }));
    log.state.hang = false;
    log.state.release();
    await buffer.settled();
    assert.deepEqual(counted(log.written), [
      'g/invalid_signature:1',
      'g/invalid_signature:2',
      'g/timestamp_out_of_tolerance:1',
      'h/invalid_signature:1',
    ]);
    assert.deepEqual(buffer.stats(), { pending: 0, dropped: 0 });
  });

  it('when garage ids that are not configured are claimed, then they share one count and keep the ids sent as examples', async () => {
    const log = fakeLog();
    const buffer = rejectionBuffer(log, { ...options, capacity: 10, batchSize: 10 });
    log.state.hang = true;
    buffer.record(refusal('first'));
    for (let index = 0; index < 500; index++) {
      buffer.record(refusal(`r${index}`, { garageIdClaimed: `random-${index}`, code: 'unknown_garage' }));
    }
    log.state.hang = false;
    log.state.release();
    await buffer.settled();
    assert.deepEqual(counted(log.written), ['g/invalid_signature:1', '(unknown)/unknown_garage:500']);
    const unknown = log.written[1];
    assert.deepEqual(
      unknown?.samples.map((sample) => sample.garageIdClaimed),
      ['random-0', 'random-1', 'random-2', 'random-3', 'random-4'],
    );
  });

  it('when the database is down, then counts wait, refusals of a new count beyond capacity are dropped and counted, and the rest are written once it is back', async () => {
    const log = fakeLog();
    log.state.down = true;
    let droppedCalls = 0;
    const failures: unknown[] = [];
    const buffer = rejectionBuffer(log, {
      ...options,
      onDropped: () => droppedCalls++,
      onWriteFailed: (error) => failures.push(error),
    });
    for (const id of ['a', 'b', 'c']) buffer.record(refusal(id));
    buffer.record(refusal('d', { code: 'timestamp_out_of_tolerance' }));
    buffer.record(refusal('e', { code: 'missing_signature' }));
    buffer.record(refusal('f', { code: 'missing_signature' }));
    await buffer.settled();
    assert.deepEqual(buffer.stats(), { pending: 4, dropped: 2 });
    assert.equal(droppedCalls, 2);
    assert.ok(failures.length >= 1);
    log.state.down = false;
    await sleep(60);
    await buffer.settled();
    assert.deepEqual(counted(log.written).sort(), ['g/invalid_signature:3', 'g/timestamp_out_of_tolerance:1']);
    assert.deepEqual(buffer.stats(), { pending: 0, dropped: 2 });
    buffer.stop();
  });

  it('when the database hangs, then one write at most is in flight however many refusals come', async () => {
    const log = fakeLog();
    log.state.hang = true;
    const buffer = rejectionBuffer(log, { ...options, capacity: 100 });
    for (let index = 0; index < 50; index++) buffer.record(refusal(String(index), { code: `code_${index}` }));
    await sleep(10);
    assert.equal(log.state.maxInFlight, 1);
    log.state.hang = false;
    log.state.release();
    await buffer.settled();
    assert.equal(log.written.length, 50);
    assert.equal(log.state.maxInFlight, 1);
  });
});
