import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { parseFlexibleBoolean } from '../../src/domain/normalise/boolean.js';

describe('parseFlexibleBoolean', () => {
  it('when a JSON boolean is given, then it comes back as it is', () => {
    assert.equal(parseFlexibleBoolean(true), true);
    assert.equal(parseFlexibleBoolean(false), false);
  });

  it('when the number 1 or 0 is given, then it is true or false', () => {
    assert.equal(parseFlexibleBoolean(1), true);
    assert.equal(parseFlexibleBoolean(0), false);
  });

  it('when a Dutch yes is written in any case, then it is true', () => {
    for (const raw of ['J', 'j', 'ja', 'Ja', 'JA', ' ja ']) assert.equal(parseFlexibleBoolean(raw), true, raw);
  });

  it('when a Dutch no is written in any case, then it is false', () => {
    for (const raw of ['N', 'n', 'nee', 'Nee', 'NEE', ' N ']) assert.equal(parseFlexibleBoolean(raw), false, raw);
  });

  it('when an English yes or no is written in any case, then it is true or false', () => {
    assert.equal(parseFlexibleBoolean('yes'), true);
    assert.equal(parseFlexibleBoolean('YES'), true);
    assert.equal(parseFlexibleBoolean('y'), true);
    assert.equal(parseFlexibleBoolean('no'), false);
    assert.equal(parseFlexibleBoolean('No'), false);
  });

  it('when "true", "false", "1" or "0" is written as text, then it is true or false', () => {
    assert.equal(parseFlexibleBoolean('true'), true);
    assert.equal(parseFlexibleBoolean('TRUE'), true);
    assert.equal(parseFlexibleBoolean(' false '), false);
    assert.equal(parseFlexibleBoolean('1'), true);
    assert.equal(parseFlexibleBoolean('0'), false);
  });

  it('when the text is something else, then it returns undefined', () => {
    for (const raw of ['misschien', '', '  ', 'waar', 'onwaar', '2', 'jaa', 'ok']) {
      assert.equal(parseFlexibleBoolean(raw), undefined, raw);
    }
  });

  it('when the value is another number or another type, then it returns undefined', () => {
    for (const raw of [2, -1, 0.5, Number.NaN, null, undefined, {}, [], [true]]) {
      assert.equal(parseFlexibleBoolean(raw), undefined, inspect(raw));
    }
  });
});
