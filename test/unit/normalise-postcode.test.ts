import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalisePostcode } from '../../src/domain/normalise/contact.js';

describe('normalisePostcode', () => {
  it('when a Dutch postcode is written without a space in lower case, then it becomes "1234 AB"', () => {
    assert.equal(normalisePostcode('1234ab'), '1234 AB');
  });

  it('when a Dutch postcode is written in any spacing or case, then it comes out as digits, one space, capitals', () => {
    assert.equal(normalisePostcode('1234 AB'), '1234 AB');
    assert.equal(normalisePostcode('1000AA'), '1000 AA');
    assert.equal(normalisePostcode(' 9711 lm '), '9711 LM');
    assert.equal(normalisePostcode('3511  aB'), '3511 AB');
  });

  it('when a Dutch postcode starts with 0, then it returns undefined', () => {
    assert.equal(normalisePostcode('0123 AB'), undefined);
  });

  it('when a Dutch postcode uses the never-issued letters SA, SD or SS, then it returns undefined', () => {
    assert.equal(normalisePostcode('1234 SA'), undefined);
    assert.equal(normalisePostcode('1234sd'), undefined);
    assert.equal(normalisePostcode('1234 SS'), undefined);
  });

  it('when other letter pairs with S are used, then they are accepted', () => {
    assert.equal(normalisePostcode('1234 SB'), '1234 SB');
    assert.equal(normalisePostcode('1234 AS'), '1234 AS');
  });

  it('when the digits or letters are the wrong number, then it returns undefined', () => {
    assert.equal(normalisePostcode('123 AB'), undefined);
    assert.equal(normalisePostcode('12345 AB'), undefined);
    assert.equal(normalisePostcode('1234 A'), undefined);
    assert.equal(normalisePostcode('1234 ABC'), undefined);
    assert.equal(normalisePostcode('AB 1234'), undefined);
  });

  it('when a Belgian postcode of four digits is given, then the four digits come back', () => {
    assert.equal(normalisePostcode('1000'), '1000');
    assert.equal(normalisePostcode(' 2000 '), '2000');
    assert.equal(normalisePostcode('9999'), '9999');
  });

  it('when four or more digits fall outside 1000–9999, then it returns undefined', () => {
    assert.equal(normalisePostcode('0999'), undefined);
    assert.equal(normalisePostcode('999'), undefined);
    assert.equal(normalisePostcode('10000'), undefined);
  });

  it('when the text is empty or not a postcode, then it returns undefined', () => {
    assert.equal(normalisePostcode(''), undefined);
    assert.equal(normalisePostcode('onbekend'), undefined);
  });
});
