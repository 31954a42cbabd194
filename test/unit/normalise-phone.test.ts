import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalisePhone } from '../../src/domain/normalise/contact.js';

describe('normalisePhone', () => {
  it('when a Dutch mobile number is written nationally, then it becomes E.164', () => {
    assert.equal(normalisePhone('0612345678'), '+31612345678');
    assert.equal(normalisePhone('06 12345678'), '+31612345678');
    assert.equal(normalisePhone('06-12345678'), '+31612345678');
    assert.equal(normalisePhone('06.12.34.56.78'), '+31612345678');
  });

  it('when a Dutch landline is written with its area code, then it becomes E.164', () => {
    assert.equal(normalisePhone('030-1234567'), '+31301234567');
    assert.equal(normalisePhone('020 123 4567'), '+31201234567');
    assert.equal(normalisePhone('(030) 123 4567'), '+31301234567');
    assert.equal(normalisePhone('050-3123456'), '+31503123456');
  });

  it('when a Dutch number has the +31 or 0031 country code, then it becomes E.164', () => {
    assert.equal(normalisePhone('+31 6 98765432'), '+31698765432');
    assert.equal(normalisePhone('0031 6 12345678'), '+31612345678');
    assert.equal(normalisePhone('+31612345678'), '+31612345678');
    assert.equal(normalisePhone('+31 (0)6 12345678'), '+31612345678');
  });

  it('when a Belgian number has the +32 or 0032 country code, then it becomes E.164', () => {
    assert.equal(normalisePhone('+32 470 12 34 56'), '+32470123456');
    assert.equal(normalisePhone('0032 2 123 45 67'), '+3221234567');
    assert.equal(normalisePhone('+32 (0)470 12 34 56'), '+32470123456');
  });

  it('when a number from another country has its country code, then it becomes E.164', () => {
    assert.equal(normalisePhone('+44 20 7946 0958'), '+442079460958');
  });

  it('when a Dutch number has too few or too many digits, then it returns undefined', () => {
    assert.equal(normalisePhone('06123'), undefined);
    assert.equal(normalisePhone('06123456789'), undefined);
    assert.equal(normalisePhone('+31 6 1234567'), undefined);
  });

  it('when the digits have neither a country code nor the trunk 0, then it returns undefined', () => {
    assert.equal(normalisePhone('12345'), undefined);
    assert.equal(normalisePhone('14020'), undefined);
  });

  it('when the text holds more than one number or words around it, then it returns undefined', () => {
    assert.equal(normalisePhone('06 12345678 (werk)'), undefined);
    assert.equal(normalisePhone('0612345678 / 0201234567'), undefined);
  });

  it('when the text is empty or has no digits, then it returns undefined', () => {
    assert.equal(normalisePhone(''), undefined);
    assert.equal(normalisePhone('onbekend'), undefined);
  });
});
