import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxAmountTextLength, parseAmountCents } from '../../src/domain/normalise/amount.js';

// Best of several rounds of many calls: one slow round on a shared machine must not decide the ratio.
function bestMicroseconds(input: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 7; round += 1) {
    const started = process.hrtime.bigint();
    for (let call = 0; call < 200; call += 1) parseAmountCents(input);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1000 / 200);
  }
  return best;
}

// The shape that made the old pattern backtrack with the cube of its spaces: spaces between sign, euro sign and digits,
// then a character that makes the whole match fail at the end.
const worstCase = (length: number) => `-${' '.repeat(Math.max(0, length - 4))}€1x`;

describe('reading a price takes time linear in its length at most', () => {
  it('when a price full of spaces is read at the cap and at 100 times the cap, then the time grows at most linearly', () => {
    const atCap = worstCase(maxAmountTextLength);
    const hundredTimes = worstCase(maxAmountTextLength * 100);
    assert.equal(atCap.length, maxAmountTextLength);
    assert.equal(parseAmountCents(atCap), undefined);
    assert.equal(parseAmountCents(hundredTimes), undefined);
    bestMicroseconds(atCap); // warm up the JIT before measuring
    const ratio = bestMicroseconds(hundredTimes) / bestMicroseconds(atCap);
    // Linear growth would be 100; generous slack for a noisy machine still catches quadratic (10,000) or worse.
    assert.ok(ratio < 300, `100 times the input took ${ratio.toFixed(1)} times as long`);
  });

  it('when thousands of spaces stand in a price, then it is refused before any pattern reads it', () => {
    for (const spaces of [1_000, 2_000, 4_000]) {
      assert.equal(parseAmountCents(`€${' '.repeat(spaces)}12,50x`), undefined);
    }
    assert.equal(parseAmountCents(`€ ${' '.repeat(40)}12,50`), 1250, 'spaces within the cap still read');
  });
});
