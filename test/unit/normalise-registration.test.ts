import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseRegistration, registrationSidecode } from '../../src/domain/normalise/vehicle.js';

// One real-looking plate per official sidecode, written the way a DMS user might type it.
const everySidecode = [
  { sidecode: 1, raw: 'nb3764', expected: 'NB-37-64' },
  { sidecode: 2, raw: '49 21 TB', expected: '49-21-TB' },
  { sidecode: 3, raw: '06-jr-58', expected: '06-JR-58' },
  { sidecode: 4, raw: 'GT31XD', expected: 'GT-31-XD' },
  { sidecode: 5, raw: 'vr.dl.17', expected: 'VR-DL-17' },
  { sidecode: 6, raw: '84 ns pf', expected: '84-NS-PF' },
  { sidecode: 7, raw: '12abc3', expected: '12-ABC-3' },
  { sidecode: 8, raw: '1kbb23', expected: '1-KBB-23' },
  { sidecode: 9, raw: 'gb123x', expected: 'GB-123-X' },
  { sidecode: 10, raw: 'K123BB', expected: 'K-123-BB' },
  { sidecode: 11, raw: 'hxn07t', expected: 'HXN-07-T' },
  { sidecode: 12, raw: 't58lnr', expected: 'T-58-LNR' },
  { sidecode: 13, raw: '8zt241', expected: '8-ZT-241' },
  { sidecode: 14, raw: '123nb7', expected: '123-NB-7' },
];

describe('normaliseRegistration', () => {
  for (const { sidecode, raw, expected } of everySidecode) {
    it(`when "${raw}" is given, then it is written in sidecode ${sidecode} as ${expected}`, () => {
      assert.equal(normaliseRegistration(raw), expected);
    });
  }

  it('when the plate is already normalised, then it comes back unchanged', () => {
    assert.equal(normaliseRegistration('K-123-BB'), 'K-123-BB');
    assert.equal(normaliseRegistration('1-KBB-23'), '1-KBB-23');
  });

  it('when the dashes are in the wrong places, then the plate is regrouped by its sidecode', () => {
    assert.equal(normaliseRegistration('GB1-23X'), 'GB-123-X');
    assert.equal(normaliseRegistration('12A-BC3'), '12-ABC-3');
  });

  it('when the plate has surrounding spaces, dots and mixed case, then they are ignored', () => {
    assert.equal(normaliseRegistration('  g b.1 2-3x  '), 'GB-123-X');
  });

  it('when the letters and digits fit no sidecode, then it returns undefined', () => {
    assert.equal(normaliseRegistration('ABCDEF'), undefined);
    assert.equal(normaliseRegistration('123456'), undefined);
    assert.equal(normaliseRegistration('A1B2C3'), undefined);
  });

  it('when the plate is too short or too long, then it returns undefined', () => {
    assert.equal(normaliseRegistration('GB123'), undefined);
    assert.equal(normaliseRegistration('GB1234X'), undefined);
    assert.equal(normaliseRegistration('B-AB 1234'), undefined);
  });

  it('when the plate contains other characters or is empty, then it returns undefined', () => {
    assert.equal(normaliseRegistration('GB-12*-X'), undefined);
    assert.equal(normaliseRegistration('ÄB-12-34'), undefined);
    assert.equal(normaliseRegistration(''), undefined);
  });
});

describe('registrationSidecode', () => {
  for (const { sidecode, expected } of everySidecode) {
    it(`when given ${expected}, then it answers sidecode ${sidecode}`, () => {
      assert.equal(registrationSidecode(expected), sidecode);
    });
  }

  it('when the plate is not in normalised dashed form, then it answers undefined', () => {
    assert.equal(registrationSidecode('GB123X'), undefined);
    assert.equal(registrationSidecode('GB-12-3X'), undefined);
    assert.equal(registrationSidecode('gb-123-x'), undefined);
    assert.equal(registrationSidecode('GB--123X'), undefined);
    assert.equal(registrationSidecode(''), undefined);
  });
});
