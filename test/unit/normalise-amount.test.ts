import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveOtherPrice, parseAmountCents } from '../../src/domain/normalise/amount.js';

describe('parseAmountCents', () => {
  describe('JSON numbers', () => {
    it('when a whole number of euros is given, then it is multiplied to cents', () => {
      assert.equal(parseAmountCents(45), 4500);
      assert.equal(parseAmountCents(80.0), 8000);
      assert.equal(parseAmountCents(0), 0);
    });

    it('when a number has two decimals, then every cent is kept exactly', () => {
      assert.equal(parseAmountCents(239.26), 23926);
      assert.equal(parseAmountCents(289.5), 28950);
      assert.equal(parseAmountCents(0.29), 29);
      assert.equal(parseAmountCents(1.15), 115);
    });

    it('when a number carries float noise, then it is read as the decimal it was written as', () => {
      assert.equal(parseAmountCents(0.1 + 0.2), 30);
      assert.equal(parseAmountCents(4.35), 435);
    });

    it('when a number has a half cent, then it is rounded away from zero', () => {
      assert.equal(parseAmountCents(1.005), 101);
      assert.equal(parseAmountCents(2.675), 268);
      assert.equal(parseAmountCents(-1.005), -101);
      assert.equal(parseAmountCents(1.004), 100);
    });

    it('when a number is negative, then the cents are negative', () => {
      assert.equal(parseAmountCents(-5), -500);
      assert.equal(parseAmountCents(-0.01), -1);
    });

    it('when a number is too small to reach half a cent, then it is zero, never minus zero', () => {
      assert.equal(Object.is(parseAmountCents(-0.001), 0), true);
      assert.equal(parseAmountCents(1e-7), 0);
    });

    it('when the JSON number 1.234 is given, then it is one euro and 23 cents, not a thousands notation', () => {
      assert.equal(parseAmountCents(1.234), 123);
    });

    it('when the number is not finite or too large for whole cents, then it returns undefined', () => {
      assert.equal(parseAmountCents(Number.NaN), undefined);
      assert.equal(parseAmountCents(Number.POSITIVE_INFINITY), undefined);
      assert.equal(parseAmountCents(Number.NEGATIVE_INFINITY), undefined);
      assert.equal(parseAmountCents(1e21), undefined);
      assert.equal(parseAmountCents(1e15), undefined);
    });
  });

  describe('text', () => {
    it('when a comma is the decimal separator, then it is read the Dutch way', () => {
      assert.equal(parseAmountCents('239,26'), 23926);
      assert.equal(parseAmountCents('289,50'), 28950);
      assert.equal(parseAmountCents('149,00'), 14900);
      assert.equal(parseAmountCents('12,5'), 1250);
    });

    it('when a dot is the decimal separator, then it is read the English way', () => {
      assert.equal(parseAmountCents('239.26'), 23926);
      assert.equal(parseAmountCents('12.5'), 1250);
      assert.equal(parseAmountCents('80.00'), 8000);
    });

    it('when Dutch thousands dots come with a decimal comma, then both are understood', () => {
      assert.equal(parseAmountCents('1.234,56'), 123456);
      assert.equal(parseAmountCents('1.234.567,89'), 123456789);
    });

    it('when English thousands commas come with a decimal dot, then both are understood', () => {
      assert.equal(parseAmountCents('1,234.56'), 123456);
      assert.equal(parseAmountCents('1,234,567.89'), 123456789);
    });

    it('when a single dot is followed by exactly three digits, then it is a Dutch thousands separator', () => {
      assert.equal(parseAmountCents('1.234'), 123400);
      assert.equal(parseAmountCents('12.500'), 1250000);
      assert.equal(parseAmountCents('999.000'), 99900000);
    });

    it('when a single dot has three digits after it but cannot group thousands, then it is a decimal point', () => {
      assert.equal(parseAmountCents('0.125'), 13);
      assert.equal(parseAmountCents('1234.567'), 123457);
    });

    it('when a single comma is followed by three digits, then it is still the decimal separator', () => {
      assert.equal(parseAmountCents('1,234'), 123);
      assert.equal(parseAmountCents('0,005'), 1);
    });

    it('when the same separator repeats, then it groups thousands', () => {
      assert.equal(parseAmountCents('1.234.567'), 123456700);
      assert.equal(parseAmountCents('1,234,567'), 123456700);
    });

    it('when thousands groups are not three digits, then it returns undefined', () => {
      assert.equal(parseAmountCents('12.34,56'), undefined);
      assert.equal(parseAmountCents('1.23.456'), undefined);
      assert.equal(parseAmountCents('1,2.3,4'), undefined);
      assert.equal(parseAmountCents('0.123.456'), undefined);
    });

    it('when a euro sign or EUR surrounds the amount, then it is ignored', () => {
      assert.equal(parseAmountCents('€ 12,50'), 1250);
      assert.equal(parseAmountCents('€12,50'), 1250);
      assert.equal(parseAmountCents('12,50 €'), 1250);
      assert.equal(parseAmountCents('EUR 1.234,56'), 123456);
      assert.equal(parseAmountCents('  45  '), 4500);
    });

    it('when the amount is negative, then the cents are negative wherever the minus stands', () => {
      assert.equal(parseAmountCents('-5,00'), -500);
      assert.equal(parseAmountCents('-€ 5,00'), -500);
      assert.equal(parseAmountCents('€ -5,00'), -500);
      assert.equal(parseAmountCents('+5,00'), 500);
    });

    it('when whole euros are written the Dutch way with ",-", then the cents are zero', () => {
      assert.equal(parseAmountCents('€ 45,-'), 4500);
      assert.equal(parseAmountCents('1.234,--'), 123400);
      assert.equal(parseAmountCents('12.50,-'), undefined);
    });

    it('when text has more than two decimals, then it is rounded half away from zero', () => {
      assert.equal(parseAmountCents('1,005'), 101);
      assert.equal(parseAmountCents('-1,005'), -101);
      assert.equal(parseAmountCents('1,0049'), 100);
    });

    it('when the text is not a number, then it returns undefined', () => {
      assert.equal(parseAmountCents('twaalf euro'), undefined);
      assert.equal(parseAmountCents(''), undefined);
      assert.equal(parseAmountCents('   '), undefined);
      assert.equal(parseAmountCents('€'), undefined);
      assert.equal(parseAmountCents('NaN'), undefined);
      assert.equal(parseAmountCents('Infinity'), undefined);
      assert.equal(parseAmountCents('1e3'), undefined);
    });

    it('when a separator dangles or signs double up, then it returns undefined', () => {
      assert.equal(parseAmountCents('12,'), undefined);
      assert.equal(parseAmountCents(',50'), undefined);
      assert.equal(parseAmountCents('--5'), undefined);
      assert.equal(parseAmountCents('-€ -5'), undefined);
      assert.equal(parseAmountCents('12 34'), undefined);
    });
  });
});

describe('deriveOtherPrice', () => {
  it('when only the price excluding VAT is known, then the price including 21 % VAT is derived', () => {
    assert.deepEqual(deriveOtherPrice({ exclVatCents: 8000, vatRate: 21 }), { exclVatCents: 8000, inclVatCents: 9680 });
  });

  it('when only the price including VAT is known, then the price excluding VAT is derived and rounded', () => {
    assert.deepEqual(deriveOtherPrice({ inclVatCents: 28950, vatRate: 21 }), {
      exclVatCents: 23926,
      inclVatCents: 28950,
    });
    assert.deepEqual(deriveOtherPrice({ inclVatCents: 4500, vatRate: 21 }), { exclVatCents: 3719, inclVatCents: 4500 });
    assert.deepEqual(deriveOtherPrice({ inclVatCents: 14900, vatRate: 21 }), {
      exclVatCents: 12314,
      inclVatCents: 14900,
    });
  });

  it('when both prices are known, then both are kept as given even if they disagree with the rate', () => {
    assert.deepEqual(deriveOtherPrice({ exclVatCents: 23926, inclVatCents: 28950, vatRate: 21 }), {
      exclVatCents: 23926,
      inclVatCents: 28950,
    });
    assert.deepEqual(deriveOtherPrice({ exclVatCents: 100, inclVatCents: 100, vatRate: 21 }), {
      exclVatCents: 100,
      inclVatCents: 100,
    });
  });

  it('when the derived price lands on half a cent, then it is rounded away from zero', () => {
    assert.deepEqual(deriveOtherPrice({ exclVatCents: 50, vatRate: 21 }), { exclVatCents: 50, inclVatCents: 61 });
    assert.deepEqual(deriveOtherPrice({ exclVatCents: -50, vatRate: 21 }), { exclVatCents: -50, inclVatCents: -61 });
  });

  it('when the rate is 9 %, 0 % or a fraction, then the derivation uses it exactly', () => {
    assert.deepEqual(deriveOtherPrice({ exclVatCents: 1000, vatRate: 9 }), { exclVatCents: 1000, inclVatCents: 1090 });
    assert.deepEqual(deriveOtherPrice({ inclVatCents: 1234, vatRate: 0 }), { exclVatCents: 1234, inclVatCents: 1234 });
    assert.deepEqual(deriveOtherPrice({ exclVatCents: 1000, vatRate: 5.5 }), {
      exclVatCents: 1000,
      inclVatCents: 1055,
    });
    assert.deepEqual(deriveOtherPrice({ inclVatCents: 1055, vatRate: 5.5 }), {
      exclVatCents: 1000,
      inclVatCents: 1055,
    });
  });

  it('when a credit line is negative, then the derived price is negative too', () => {
    assert.deepEqual(deriveOtherPrice({ exclVatCents: -8000, vatRate: 21 }), {
      exclVatCents: -8000,
      inclVatCents: -9680,
    });
  });

  it('when neither price is known, then it throws', () => {
    assert.throws(() => deriveOtherPrice({ vatRate: 21 }), RangeError);
  });

  it('when the rate is not a usable number, then it throws', () => {
    assert.throws(() => deriveOtherPrice({ exclVatCents: 100, vatRate: Number.NaN }), RangeError);
    assert.throws(() => deriveOtherPrice({ inclVatCents: 100, vatRate: -100 }), RangeError);
  });
});
