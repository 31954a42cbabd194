// The values below are copied from the example pushes in examples/pushes/, with the outcomes its README expects.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveOtherPrice, parseAmountCents } from '../../src/domain/normalise/amount.js';
import { parseFlexibleBoolean } from '../../src/domain/normalise/boolean.js';
import { normaliseEmail, normalisePhone, normalisePostcode } from '../../src/domain/normalise/contact.js';
import { isSuspiciousAppointmentDate, parseCalendarDate, parseDmsDateTime } from '../../src/domain/normalise/dates.js';
import { normaliseFuel, normaliseRegistration, normaliseVin } from '../../src/domain/normalise/vehicle.js';

function instant(raw: string): Date {
  const parsed = parseDmsDateTime(raw);
  if (!parsed.ok) assert.fail(parsed.reason);
  return parsed.value;
}

describe('fixture valid-full.json', () => {
  it('when its car is normalised, then it is GB-123-X, petrol, with its VIN kept', () => {
    assert.equal(normaliseRegistration('gb123x'), 'GB-123-X');
    assert.equal(normaliseFuel('Benzine'), 'petrol');
    assert.equal(normaliseVin('WVWZZZ1KZAW000001'), 'WVWZZZ1KZAW000001');
    assert.deepEqual(parseCalendarDate('15-03-2012'), { ok: true, value: '2012-03-15' });
    assert.deepEqual(parseCalendarDate('2027-03-15'), { ok: true, value: '2027-03-15' });
  });

  it('when its party is normalised, then e-mail, phones and postcode take their normal forms', () => {
    assert.equal(normaliseEmail(' Jan.deVries@example.nl '), 'jan.devries@example.nl');
    assert.equal(normalisePhone('030-1234567'), '+31301234567');
    assert.equal(normalisePhone('06 12345678'), '+31612345678');
    assert.equal(normalisePostcode('1234ab'), '1234 AB');
  });

  it('when its prices are read, then the cents are 23926/28950 and 3719/4500', () => {
    assert.equal(parseAmountCents('239,26'), 23926);
    assert.equal(parseAmountCents('289,50'), 28950);
    const inclVatCents = parseAmountCents(45);
    assert.equal(inclVatCents, 4500);
    assert.deepEqual(deriveOtherPrice({ inclVatCents, vatRate: 21 }), { exclVatCents: 3719, inclVatCents: 4500 });
  });

  it('when its dates are read, then the appointment is on time and customerWaiting is true', () => {
    const appointmentAt = instant('01-12-2026 08:30');
    const createdAt = instant('2026-11-27T09:14:40+01:00');
    assert.equal(appointmentAt.toISOString(), '2026-12-01T07:30:00.000Z');
    assert.equal(createdAt.toISOString(), '2026-11-27T08:14:40.000Z');
    assert.equal(isSuspiciousAppointmentDate(appointmentAt, createdAt), false);
    assert.equal(parseFlexibleBoolean(true), true);
  });
});

describe('fixture valid-lease-car.json', () => {
  it('when its car is normalised, then it is K-123-BB and electric', () => {
    assert.equal(normaliseRegistration('K-123-BB'), 'K-123-BB');
    assert.equal(normaliseFuel('Elektrisch'), 'electric');
    assert.equal(normaliseVin('5YJ3E7EB2KF000002'), '5YJ3E7EB2KF000002');
    assert.deepEqual(parseCalendarDate('2019-07-01'), { ok: true, value: '2019-07-01' });
    assert.deepEqual(parseCalendarDate('01-07-2027'), { ok: true, value: '2027-07-01' });
  });

  it('when customerWaiting is "N", then it is false', () => {
    assert.equal(parseFlexibleBoolean('N'), false);
  });

  it('when only the price excluding VAT of 80.00 is given, then 9680 cents including VAT is derived', () => {
    const exclVatCents = parseAmountCents(80.0);
    assert.equal(exclVatCents, 8000);
    assert.deepEqual(deriveOtherPrice({ exclVatCents, vatRate: 21 }), { exclVatCents: 8000, inclVatCents: 9680 });
  });

  it('when its parties are normalised, then the phones, e-mails and postcodes take their normal forms', () => {
    assert.equal(normalisePhone('+31 6 98765432'), '+31698765432');
    assert.equal(normalisePhone('020 123 4567'), '+31201234567');
    assert.equal(normaliseEmail('f.elamrani@voorbeeldbedrijf.nl'), 'f.elamrani@voorbeeldbedrijf.nl');
    assert.equal(normalisePostcode('3511 AB'), '3511 AB');
    assert.equal(normalisePostcode('1000AA'), '1000 AA');
  });

  it('when the creation date is day-first and the appointment ISO, then both are read and not suspicious', () => {
    const appointmentAt = instant('2026-12-03T13:00:00+01:00');
    const createdAt = instant('27-11-2026 10:01');
    assert.equal(createdAt.toISOString(), '2026-11-27T09:01:00.000Z');
    assert.equal(isSuspiciousAppointmentDate(appointmentAt, createdAt), false);
  });
});

describe('fixture invalid-fields.json', () => {
  it('when the appointment date is 31-02-2026 09:00, then it is rejected as not a real date', () => {
    const parsed = parseDmsDateTime('31-02-2026 09:00');
    assert.deepEqual(parsed, { ok: false, reason: '31-02-2026 09:00 is not a real date: February 2026 has 28 days.' });
  });

  it('when customerWaiting is "misschien", then it is not a boolean', () => {
    assert.equal(parseFlexibleBoolean('misschien'), undefined);
  });

  it('when exclVat is "twaalf euro", then it is not an amount', () => {
    assert.equal(parseAmountCents('twaalf euro'), undefined);
  });

  it('when its car is normalised, then 12-ABC-3 and diesel come through', () => {
    assert.equal(normaliseRegistration('12-ABC-3'), '12-ABC-3');
    assert.equal(normaliseFuel('Diesel'), 'diesel');
    assert.equal(normaliseVin('W0L0XCF0814000003'), 'W0L0XCF0814000003');
  });
});

describe('fixture suspicious-date.json', () => {
  it('when the appointment 06-10-2029 08:00 is compared with creation 2026-11-27T11:58:00+01:00, then it is suspicious', () => {
    const appointmentAt = instant('06-10-2029 08:00');
    const createdAt = instant('2026-11-27T11:58:00+01:00');
    assert.equal(appointmentAt.toISOString(), '2029-10-06T06:00:00.000Z');
    assert.equal(isSuspiciousAppointmentDate(appointmentAt, createdAt), true);
  });

  it('when the probably intended 10-06-2027 is compared instead, then it is not suspicious', () => {
    assert.equal(isSuspiciousAppointmentDate(instant('10-06-2027 08:00'), instant('2026-11-27T11:58:00+01:00')), false);
  });

  it('when its other fields are normalised, then they take their normal forms', () => {
    assert.equal(normaliseRegistration('1-KBB-23'), '1-KBB-23');
    assert.equal(normaliseFuel('LPG'), 'lpg');
    assert.equal(normaliseVin('VF1RJA00X12345678'), 'VF1RJA00X12345678');
    assert.equal(normalisePostcode('9711 LM'), '9711 LM');
    assert.equal(normalisePhone('050-3123456'), '+31503123456');
    assert.equal(parseFlexibleBoolean(false), false);
    const inclVatCents = parseAmountCents('149,00');
    assert.equal(inclVatCents, 14900);
    assert.deepEqual(deriveOtherPrice({ inclVatCents, vatRate: 21 }), { exclVatCents: 12314, inclVatCents: 14900 });
  });
});
