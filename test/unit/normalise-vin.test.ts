import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseVin } from '../../src/domain/normalise/vehicle.js';

describe('normaliseVin', () => {
  it('when the VIN is valid and upper case, then it comes back unchanged', () => {
    assert.equal(normaliseVin('WVWZZZ1KZAW000001'), 'WVWZZZ1KZAW000001');
    assert.equal(normaliseVin('5YJ3E7EB2KF000002'), '5YJ3E7EB2KF000002');
    assert.equal(normaliseVin('VF1RJA00X12345678'), 'VF1RJA00X12345678');
    assert.equal(normaliseVin('W0L0XCF0814000003'), 'W0L0XCF0814000003');
  });

  it('when the VIN is lower case with surrounding spaces, then it is trimmed and upper-cased', () => {
    assert.equal(normaliseVin('  wvwzzz1kzaw000001 '), 'WVWZZZ1KZAW000001');
  });

  it('when the VIN is written in groups with spaces, then the spaces are removed', () => {
    assert.equal(normaliseVin('WVW ZZZ 1KZ AW 000001'), 'WVWZZZ1KZAW000001');
  });

  it('when the North-American check digit does not add up, then the VIN is still accepted', () => {
    assert.equal(normaliseVin('1HGCM82633A004352'), '1HGCM82633A004352');
    assert.equal(normaliseVin('1HGCM82613A004352'), '1HGCM82613A004352');
  });

  it('when the VIN contains I, O or Q, then it returns undefined', () => {
    assert.equal(normaliseVin('WVWZZZ1KZIW000001'), undefined);
    assert.equal(normaliseVin('WVWZZZ1KZOW000001'), undefined);
    assert.equal(normaliseVin('wvwzzz1kzqw000001'), undefined);
  });

  it('when the VIN is not 17 characters long, then it returns undefined', () => {
    assert.equal(normaliseVin('WVWZZZ1KZAW00000'), undefined);
    assert.equal(normaliseVin('WVWZZZ1KZAW0000012'), undefined);
    assert.equal(normaliseVin(''), undefined);
  });

  it('when the VIN contains punctuation, then it returns undefined', () => {
    assert.equal(normaliseVin('WVW-ZZZ1KZAW00000'), undefined);
    assert.equal(normaliseVin('WVWZZZ1KZAW00000.'), undefined);
  });
});
