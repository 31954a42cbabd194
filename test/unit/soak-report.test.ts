import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { perMinute, verdicts, type SoakRun } from '../../tools/soak/soak-report.js';
import type { SentPush } from '../../tools/soak/soak-traffic.js';

const start = Date.parse('2026-12-03T10:00:00Z');

/** A soak of `minutes` minutes: one push every 2 s, finished `documentsMs(minute)` later; RSS given per minute. */
function soak(
  minutes: number,
  shape: { acceptMs?: (minute: number) => number; workerMb?: (minute: number) => number; unfinished?: number } = {},
): SoakRun {
  const sent: SentPush[] = [];
  const finished = new Map<string, { at: number; status: string }>();
  for (let second = 0; second < minutes * 60; second += 2) {
    const minute = Math.floor(second / 60);
    const importId = `imp_${second}`;
    sent.push({
      kind: 'new',
      sentAt: start + second * 1000,
      status: 202,
      code: null,
      acceptMs: shape.acceptMs?.(minute) ?? 20,
      importId,
    });
    if (sent.length > (shape.unfinished ?? 0))
      finished.set(importId, { at: start + second * 1000 + 900, status: 'imported' });
  }
  const samples = Array.from({ length: minutes * 12 }, (_, index) => ({
    at: start + index * 5_000,
    rssMb: { worker: shape.workerMb?.(Math.floor(index / 12)) ?? 300, receiver: 150 },
    fileBytes: { temporal: 1024 ** 2, ferretdb: 1024 ** 2 },
    load: 1,
  }));
  return {
    startedAt: start,
    endedAt: start + minutes * 60_000,
    perSecond: 0.5,
    warmUpMinutes: 1,
    sent,
    finished,
    samples,
    errorLogLines: 0,
    drainSeconds: 1,
  };
}

const failing = (run: SoakRun) =>
  verdicts(run, perMinute(run))
    .filter((verdict) => !verdict.ok)
    .map((verdict) => verdict.line.split(':')[0]);

describe('soak verdicts', () => {
  it('when memory, latency and imports hold steady, then every line passes', () => {
    assert.deepEqual(failing(soak(4)), []);
  });

  it('when the worker grows 11 % after the warm-up, then its memory line fails, and 9 % passes', () => {
    assert.deepEqual(failing(soak(4, { workerMb: (minute) => (minute < 3 ? 300 : 333) })), [
      'worker RSS 300 MB after the 1-minute warm-up (median of minute 2), 333 MB in the last minute',
    ]);
    assert.deepEqual(failing(soak(4, { workerMb: (minute) => (minute < 3 ? 300 : 327) })), []);
  });

  it('when a later minute has more than twice the first minute p99 accept latency, then the latency line fails', () => {
    assert.deepEqual(failing(soak(4, { acceptMs: (minute) => (minute === 2 ? 41 : 20) })), ['accept p99 per minute']);
    assert.deepEqual(failing(soak(4, { acceptMs: (minute) => (minute === 2 ? 40 : 20) })), []);
  });

  it('when an accepted push never finished, then the soak counts it lost', () => {
    const run = soak(3, { unfinished: 1 });
    const lost = verdicts(run, perMinute(run)).find((verdict) => verdict.line.startsWith('lost'));
    assert.equal(lost?.ok, false);
    assert.match(lost?.line ?? '', /^lost: 1 of 90 /);
  });
});
