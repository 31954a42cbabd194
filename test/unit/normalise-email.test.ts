import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseEmail } from '../../src/domain/normalise/contact.js';

describe('normaliseEmail', () => {
  it('when the address has surrounding spaces and capitals, then it is trimmed and lower-cased', () => {
    assert.equal(normaliseEmail(' Jan.deVries@example.nl '), 'jan.devries@example.nl');
    assert.equal(normaliseEmail('WAGENPARK@VoorbeeldLease.NL'), 'wagenpark@voorbeeldlease.nl');
  });

  it('when the address is already normal, then it comes back unchanged', () => {
    assert.equal(normaliseEmail('f.elamrani@voorbeeldbedrijf.nl'), 'f.elamrani@voorbeeldbedrijf.nl');
    assert.equal(normaliseEmail('a+werk@mail.example.co.uk'), 'a+werk@mail.example.co.uk');
  });

  it('when the local part or the domain is missing, then it returns undefined', () => {
    assert.equal(normaliseEmail('jan@'), undefined);
    assert.equal(normaliseEmail('@example.nl'), undefined);
    assert.equal(normaliseEmail('jan.devries.example.nl'), undefined);
  });

  it('when the domain has no dot or an empty label, then it returns undefined', () => {
    assert.equal(normaliseEmail('jan@example'), undefined);
    assert.equal(normaliseEmail('jan@example..nl'), undefined);
    assert.equal(normaliseEmail('jan@.example.nl'), undefined);
    assert.equal(normaliseEmail('jan@example.nl.'), undefined);
  });

  it('when there is more than one @, then it returns undefined', () => {
    assert.equal(normaliseEmail('jan@@example.nl'), undefined);
    assert.equal(normaliseEmail('jan@ex@ample.nl'), undefined);
  });

  it('when there is a space inside the address, then it returns undefined', () => {
    assert.equal(normaliseEmail('jan de vries@example.nl'), undefined);
    assert.equal(normaliseEmail('jan@example .nl'), undefined);
  });

  it('when the text is empty, then it returns undefined', () => {
    assert.equal(normaliseEmail(''), undefined);
    assert.equal(normaliseEmail('   '), undefined);
  });
});
