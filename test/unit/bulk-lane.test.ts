import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bulkLane, type Lane } from '../../src/receiver/bulk-lane.js';

function lanes(laneOf: (garageId: string) => Lane, garageId: string, count: number): Lane[] {
  return Array.from({ length: count }, () => laneOf(garageId));
}

describe('bulk lane', () => {
  it('keeps a garage on the main queue for its share, then sends the rest of a burst to the bulk lane', () => {
    const laneOf = bulkLane({ burstPushes: 3, pushesPerMinute: 60, now: () => 0 });
    assert.deepEqual(lanes(laneOf, 'a', 5), ['main', 'main', 'main', 'bulk', 'bulk']);
  });

  it('gives each garage its own share', () => {
    const laneOf = bulkLane({ burstPushes: 2, pushesPerMinute: 60, now: () => 0 });
    assert.deepEqual(lanes(laneOf, 'a', 3), ['main', 'main', 'bulk']);
    assert.deepEqual(lanes(laneOf, 'b', 3), ['main', 'main', 'bulk']);
  });

  it('gives the share back at the configured rate, never beyond the burst', () => {
    let now = 0;
    const laneOf = bulkLane({ burstPushes: 2, pushesPerMinute: 60, now: () => now });
    assert.deepEqual(lanes(laneOf, 'a', 3), ['main', 'main', 'bulk']);
    now = 999; // just short of one push's worth at one a second
    assert.equal(laneOf('a'), 'bulk');
    now = 1_000;
    assert.equal(laneOf('a'), 'main');
    now = 600_000; // ten minutes quiet: the bucket is full again, not 600 deep
    assert.deepEqual(lanes(laneOf, 'a', 3), ['main', 'main', 'bulk']);
  });

  it('keeps a steady garage within its rate on the main queue', () => {
    let now = 0;
    const laneOf = bulkLane({ burstPushes: 1, pushesPerMinute: 60, now: () => now });
    const seen: Lane[] = [];
    for (let push = 0; push < 100; push++, now += 1_000) seen.push(laneOf('a'));
    assert.deepEqual(new Set(seen), new Set(['main']));
  });

  it('sends every push to the main queue when the share is 0', () => {
    const laneOf = bulkLane({ burstPushes: 0, pushesPerMinute: 60, now: () => 0 });
    assert.deepEqual(new Set(lanes(laneOf, 'a', 1_000)), new Set(['main']));
  });
});
