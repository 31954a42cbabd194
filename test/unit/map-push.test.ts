import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validatePushBody } from '../../src/domain/contract/validate-push.js';
import { mapPush } from '../../src/domain/mapping/map-push.js';
import type { MappedParty, MappedPush } from '../../src/domain/mapping/mapped-push.js';
import type { PushWarning } from '../../src/domain/import-status.js';
import { readFixture } from '../support/fixtures.js';
import { pushBody } from '../support/push-body.js';

// After every example push was sent, as a receipt is: a sentAt far after its receipt is a case of its own.
const receivedAt = '2026-11-28T08:20:00.000Z';

function mapped(rawBody: string): MappedPush {
  const validation = validatePushBody(rawBody);
  if (!validation.ok) assert.fail(`expected a valid push, got ${JSON.stringify(validation.issues)}`);
  return mapPush(validation.push, receivedAt);
}

type MappedUpsert = Extract<MappedPush, { event: 'appointment.upsert' }>;

function mappedUpsert(rawBody: string): MappedUpsert {
  const result = mapped(rawBody);
  if (result.event !== 'appointment.upsert') assert.fail(`expected an upsert, got ${result.event}`);
  return result;
}

function partyOf(result: MappedUpsert, index: number): MappedParty {
  const party = result.parties[index];
  if (party === undefined) assert.fail(`no party at ${index}`);
  return party;
}

function warningAt(warnings: readonly PushWarning[], path: string): PushWarning {
  const warning = warnings.find((candidate) => candidate.path === path);
  if (warning === undefined) assert.fail(`no warning at ${path}; warnings: ${JSON.stringify(warnings)}`);
  return warning;
}

function pathsAndCodes(warnings: readonly PushWarning[]): string[] {
  return warnings.map((warning) => `${warning.path} ${warning.code}`);
}

describe('mapPush on the shared fixtures', () => {
  it('when valid-full.json is mapped, then one appointment, one VIN-keyed car and one driver-owner come out', () => {
    const result = mappedUpsert(readFixture('valid-full'));
    assert.equal(result.dmsNumber, '184467');
    assert.equal(result.messageId, '0b6f3c1e-5d2a-4a43-9a57-3f1f2b9c0001');
    assert.equal(result.sentAt, '2026-11-27T08:15:02.000Z');
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.appointment, {
      woNumber: 'WO-24-01873',
      appointmentAt: '2026-12-01T07:30:00.000Z',
      createdInDmsAt: '2026-11-27T08:14:40.000Z',
      customerWaiting: true,
      interventions: [
        {
          lineId: '1',
          title: 'Grote beurt',
          description: 'Onderhoud volgens fabrieksvoorschrift',
          priceExclVatCents: 23926,
          priceInclVatCents: 28950,
          vatRate: 21,
        },
        {
          lineId: '2',
          title: 'APK keuring',
          description: null,
          priceExclVatCents: 3719,
          priceInclVatCents: 4500,
          vatRate: 21,
        },
      ],
      warnings: [],
    });
    assert.deepEqual(result.car, {
      key: { kind: 'vin', value: 'WVWZZZ1KZAW000001' },
      vin: 'WVWZZZ1KZAW000001',
      vinRaw: null,
      registration: 'GB-123-X',
      registrationRaw: null,
      registrationCountry: 'NL',
      make: 'Volkswagen',
      model: 'Golf 1.4 TSI',
      fuel: 'petrol',
      fuelRaw: 'Benzine',
      firstRegistrationDate: '2012-03-15',
      firstRegistrationDateRaw: null,
      apkDate: '2027-03-15',
      apkDateRaw: null,
      driverDmsId: 'C-1001',
      ownerDmsId: 'C-1001',
      contractorDmsId: null,
    });
    assert.deepEqual(result.parties, [
      {
        dmsPartyId: 'C-1001',
        roles: ['driver', 'owner'],
        company: null,
        title: 'Dhr.',
        firstName: 'Jan',
        lastName: 'de Vries',
        street: 'Dorpsstraat',
        houseNumber: '12a',
        postcode: '1234 AB',
        place: 'Utrecht',
        emailPrivate: 'jan.devries@example.nl',
        phonePrivate: '+31301234567',
        mobilePrivate: '+31612345678',
        emailBusiness: null,
        phoneBusiness: null,
        mobileBusiness: null,
      },
    ]);
  });

  it('when valid-lease-car.json is mapped, then the lease company is owner and contractor and VAT is derived', () => {
    const result = mappedUpsert(readFixture('valid-lease-car'));
    assert.deepEqual(result.warnings, []);
    assert.equal(result.appointment.customerWaiting, false);
    assert.equal(result.appointment.appointmentAt, '2026-12-03T12:00:00.000Z');
    assert.equal(result.appointment.createdInDmsAt, '2026-11-27T09:01:00.000Z');
    assert.deepEqual(result.appointment.interventions, [
      {
        lineId: null,
        title: 'Banden wisselen',
        description: 'Winterbanden monteren',
        priceExclVatCents: 8000,
        priceInclVatCents: 9680,
        vatRate: 21,
      },
    ]);
    assert.equal(result.car.registration, 'K-123-BB');
    assert.equal(result.car.fuel, 'electric');
    assert.deepEqual(result.car.key, { kind: 'vin', value: '5YJ3E7EB2KF000002' });
    assert.deepEqual(
      result.parties.map((party) => [party.dmsPartyId, party.roles]),
      [
        ['C-2001', ['driver']],
        ['L-77', ['owner', 'contractor']],
      ],
    );
    assert.equal(partyOf(result, 0).mobilePrivate, '+31698765432');
    assert.equal(partyOf(result, 0).emailBusiness, 'f.elamrani@voorbeeldbedrijf.nl');
    assert.equal(partyOf(result, 1).company, 'Voorbeeld Lease B.V.');
    assert.equal(partyOf(result, 1).postcode, '1000 AA');
    assert.equal(partyOf(result, 1).phoneBusiness, '+31201234567');
  });

  it('when suspicious-date.json is mapped, then it is imported with a suspicious_date warning', () => {
    const result = mappedUpsert(readFixture('suspicious-date'));
    assert.deepEqual(pathsAndCodes(result.warnings), ['appointment.appointmentDate suspicious_date']);
    assert.deepEqual(result.appointment.warnings, ['suspicious_date']);
    assert.equal(result.appointment.appointmentAt, '2029-10-06T06:00:00.000Z');
    assert.deepEqual(result.appointment.interventions[0], {
      lineId: null,
      title: 'Kleine beurt',
      description: null,
      priceExclVatCents: 12314,
      priceInclVatCents: 14900,
      vatRate: 21,
    });
    assert.equal(result.car.registration, '1-KBB-23');
    assert.equal(result.car.fuel, 'lpg');
    assert.equal(partyOf(result, 0).phonePrivate, '+31503123456');
    assert.deepEqual(partyOf(result, 0).roles, ['driver', 'owner']);
  });

  it('when cancel.json is mapped, then it is a cancel of appointment 184467 with nothing else', () => {
    assert.deepEqual(mapped(readFixture('cancel')), {
      event: 'appointment.cancel',
      dmsNumber: '184467',
      woNumber: 'WO-24-01873',
      sentAt: '2026-11-28T07:00:00.000Z',
      messageId: '0b6f3c1e-5d2a-4a43-9a57-3f1f2b9c0003',
      warnings: [],
    });
  });

  it('when a fixture is mapped, then the result survives a JSON round trip unchanged (it crosses Temporal)', () => {
    for (const name of ['valid-full', 'valid-lease-car', 'suspicious-date', 'cancel']) {
      const result = mapped(readFixture(name));
      assert.deepEqual(JSON.parse(JSON.stringify(result)), result, name);
    }
  });
});

describe('mapPush on values it cannot normalise', () => {
  it('when a phone number is not a number, then it is kept raw with a warning that does not repeat it', () => {
    const raw = '06 1234 5678 (na 17u)';
    const result = mappedUpsert(pushBody({ parties: [{ id: 'C-1', phonePrivate: raw }] }));
    assert.equal(partyOf(result, 0).phonePrivate, raw);
    const warning = warningAt(result.warnings, 'parties[0].phonePrivate');
    assert.equal(warning.code, 'invalid_phone');
    assert.ok(!warning.message.includes(raw), warning.message);
    assert.ok(!/\d{4}/.test(warning.message), `the message repeats digits: ${warning.message}`);
    assert.deepEqual(result.appointment.warnings, ['invalid_phone']);
  });

  it('when an e-mail is not an address, then it is kept raw with a warning that does not repeat it', () => {
    const raw = 'jan.devries(at)example.nl';
    const result = mappedUpsert(pushBody({ parties: [{ id: 'C-1', emailBusiness: raw }] }));
    assert.equal(partyOf(result, 0).emailBusiness, raw);
    const warning = warningAt(result.warnings, 'parties[0].emailBusiness');
    assert.equal(warning.code, 'invalid_email');
    assert.ok(!warning.message.includes(raw), warning.message);
    assert.ok(!warning.message.includes('devries'), warning.message);
  });

  it('when a postcode is neither Dutch nor Belgian, then it is kept raw with a warning', () => {
    const result = mappedUpsert(pushBody({ parties: [{ id: 'C-1', postcode: 'SW1A 1AA' }] }));
    assert.equal(partyOf(result, 0).postcode, 'SW1A 1AA');
    assert.equal(warningAt(result.warnings, 'parties[0].postcode').code, 'invalid_postcode');
  });

  it('when the fuel is unknown, then fuel is null, the label is kept in fuelRaw, and a warning is given', () => {
    const result = mappedUpsert(pushBody({ car: { fuel: 'Stoom' } }));
    assert.equal(result.car.fuel, null);
    assert.equal(result.car.fuelRaw, 'Stoom');
    assert.deepEqual(pathsAndCodes(result.warnings), ['car.fuel unknown_fuel']);
  });

  it('when the VIN is invalid but the registration valid, then the car is keyed by registration', () => {
    const result = mappedUpsert(pushBody({ car: { vin: 'WVWZZZ1KZAW0000', registrationNumber: 'gb 123 x' } }));
    assert.deepEqual(result.car.key, { kind: 'registration', value: 'GB-123-X' });
    assert.equal(result.car.vin, null);
    assert.equal(result.car.vinRaw, 'WVWZZZ1KZAW0000');
    assert.equal(result.car.registration, 'GB-123-X');
    assert.deepEqual(pathsAndCodes(result.warnings), ['car.vin invalid_vin']);
  });

  it('when the registration is invalid but the VIN valid, then the car is keyed by VIN and the plate kept raw', () => {
    const result = mappedUpsert(pushBody({ car: { vin: 'wvwzzz1kzaw000001', registrationNumber: 'ABC-1234' } }));
    assert.deepEqual(result.car.key, { kind: 'vin', value: 'WVWZZZ1KZAW000001' });
    assert.equal(result.car.registration, null);
    assert.equal(result.car.registrationRaw, 'ABC-1234');
    assert.deepEqual(pathsAndCodes(result.warnings), ['car.registrationNumber invalid_registration']);
  });

  it('when several values cannot be normalised, then each gets a warning and the appointment lists each code once', () => {
    const result = mappedUpsert(
      pushBody({ parties: [{ id: 'C-1', phonePrivate: '12345', mobilePrivate: 'geen', emailPrivate: 'nee' }] }),
    );
    assert.deepEqual(pathsAndCodes(result.warnings), [
      'parties[0].emailPrivate invalid_email',
      'parties[0].phonePrivate invalid_phone',
      'parties[0].mobilePrivate invalid_phone',
    ]);
    assert.deepEqual(result.appointment.warnings, ['invalid_email', 'invalid_phone']);
  });
});

describe('mapPush on party references', () => {
  it('when car.ownerId names a party not in parties, then it is kept as a DMS reference with a warning', () => {
    const result = mappedUpsert(pushBody({ car: { driverId: 'C-1', ownerId: 'C-9' } }));
    assert.equal(result.car.ownerDmsId, 'C-9');
    assert.deepEqual(pathsAndCodes(result.warnings), ['car.ownerId unknown_party_reference']);
    assert.deepEqual(partyOf(result, 0).roles, ['driver']);
  });

  it('when the push has no parties at all, then each of driver, owner and contractor gets a warning', () => {
    const result = mappedUpsert(
      pushBody({ car: { driverId: 'C-1', ownerId: 'C-2', contractorId: 'L-3' }, parties: [] }),
    );
    assert.deepEqual(pathsAndCodes(result.warnings), [
      'car.driverId unknown_party_reference',
      'car.ownerId unknown_party_reference',
      'car.contractorId unknown_party_reference',
    ]);
    assert.deepEqual(result.parties, []);
  });

  it('when a party is named by no car field, then it is still mapped, with no roles', () => {
    const result = mappedUpsert(pushBody({ parties: [{ id: 'C-1' }, { id: 'C-5', lastName: 'Smit' }] }));
    assert.deepEqual(
      result.parties.map((party) => [party.dmsPartyId, party.roles]),
      [
        ['C-1', ['driver', 'owner']],
        ['C-5', []],
      ],
    );
  });
});

describe('mapPush on sentAt', () => {
  it('when sentAt is missing, then the receive time orders the version and a sent_at_missing warning is given', () => {
    const result = mapped(pushBody({ sentAt: undefined }));
    assert.equal(result.sentAt, receivedAt);
    assert.deepEqual(result.warnings, [
      {
        path: 'sentAt',
        code: 'sent_at_missing',
        message: 'is missing; the receive time orders this version instead',
      },
    ]);
  });

  it('when sentAt is empty on a cancel, then the cancel also uses the receive time with a warning', () => {
    const result = mapped(pushBody({ event: 'appointment.cancel', sentAt: '' }));
    assert.equal(result.event, 'appointment.cancel');
    assert.equal(result.sentAt, receivedAt);
    assert.deepEqual(pathsAndCodes(result.warnings), ['sentAt sent_at_missing']);
  });

  it('when sentAt is given, then it is used as a UTC instant, not the receive time', () => {
    assert.equal(mapped(pushBody({ sentAt: '2026-11-27T09:15:02+01:00' })).sentAt, '2026-11-27T08:15:02.000Z');
  });
});

describe('mapPush on prices', () => {
  function pricesOf(prices: Record<string, unknown> | undefined) {
    const result = mappedUpsert(pushBody({ appointment: { interventions: [{ title: 'Beurt', prices }] } }));
    const intervention = result.appointment.interventions[0];
    if (intervention === undefined) assert.fail('no intervention');
    return [intervention.priceExclVatCents, intervention.priceInclVatCents, intervention.vatRate];
  }

  it('when only exclVat is given, then inclVat is derived with the default 21 %', () => {
    assert.deepEqual(pricesOf({ exclVat: '100,00' }), [10000, 12100, 21]);
  });

  it('when only inclVat is given, then exclVat is derived with the default 21 %', () => {
    assert.deepEqual(pricesOf({ inclVat: '121,00' }), [10000, 12100, 21]);
  });

  it('when only exclVat is given with a 9 % rate, then inclVat is derived with 9 %', () => {
    assert.deepEqual(pricesOf({ exclVat: 100, vatRate: 9 }), [10000, 10900, 9]);
  });

  it('when only inclVat is given with a 9 % rate, then exclVat is derived with 9 %', () => {
    assert.deepEqual(pricesOf({ inclVat: 109, vatRate: '9%' }), [10000, 10900, 9]);
  });

  it('when the derived amount falls between cents, then it is rounded to the nearest cent', () => {
    assert.deepEqual(pricesOf({ inclVat: 45 }), [3719, 4500, 21]);
    assert.deepEqual(pricesOf({ exclVat: '0,05' }), [5, 6, 21]);
  });

  it('when both amounts are given, then both are kept as sent, even when they do not fit the rate', () => {
    assert.deepEqual(pricesOf({ exclVat: 100, inclVat: 100, vatRate: 21 }), [10000, 10000, 21]);
  });

  it('when an intervention has no prices, then its prices and rate are null', () => {
    assert.deepEqual(pricesOf(undefined), [null, null, null]);
  });
});

describe('mapPush on the appointment', () => {
  it('when interventions arrive, then they keep the order the DMS sent them in', () => {
    const titles = ['Remmen', 'APK keuring', 'Accu', 'Grote beurt', 'Banden'];
    const result = mappedUpsert(
      pushBody({
        appointment: { interventions: titles.map((title, index) => ({ lineId: String(9 - index), title })) },
      }),
    );
    assert.deepEqual(
      result.appointment.interventions.map((intervention) => [intervention.lineId, intervention.title]),
      [
        ['9', 'Remmen'],
        ['8', 'APK keuring'],
        ['7', 'Accu'],
        ['6', 'Grote beurt'],
        ['5', 'Banden'],
      ],
    );
  });

  it('when the appointment is in summer, then 08:30 Amsterdam time is 06:30 UTC', () => {
    const result = mappedUpsert(
      pushBody({ appointment: { appointmentDate: '15-07-2026 08:30', creationDate: '01-07-2026 10:00' } }),
    );
    assert.equal(result.appointment.appointmentAt, '2026-07-15T06:30:00.000Z');
    assert.equal(result.appointment.createdInDmsAt, '2026-07-01T08:00:00.000Z');
    assert.deepEqual(result.warnings, []);
  });

  it('when the appointment is in winter, then 08:30 Amsterdam time is 07:30 UTC', () => {
    const result = mappedUpsert(pushBody({ appointment: { appointmentDate: '15-01-2027 08:30' } }));
    assert.equal(result.appointment.appointmentAt, '2027-01-15T07:30:00.000Z');
    assert.deepEqual(result.warnings, []);
  });

  it('when the appointment is on the morning the clocks go forward, then it is read in summer time', () => {
    const result = mappedUpsert(
      pushBody({ appointment: { appointmentDate: '29-03-2026 03:30', creationDate: '2026-03-01T10:00:00+01:00' } }),
    );
    assert.equal(result.appointment.appointmentAt, '2026-03-29T01:30:00.000Z');
  });

  it('when the appointment is before its creation, then a suspicious_date warning is given', () => {
    const result = mappedUpsert(
      pushBody({ appointment: { appointmentDate: '26-11-2026 08:30', creationDate: '2026-11-27T09:14:40+01:00' } }),
    );
    assert.deepEqual(pathsAndCodes(result.warnings), ['appointment.appointmentDate suspicious_date']);
  });

  it('when there is no creation date, then no suspicious_date warning can be given', () => {
    const result = mappedUpsert(pushBody({ appointment: { appointmentDate: '06-10-2029 08:00', creationDate: null } }));
    assert.equal(result.appointment.createdInDmsAt, null);
    assert.deepEqual(result.warnings, []);
  });

  it('when customerWaiting and woNumber are left out, then the customer is not waiting and there is no WO number', () => {
    const result = mappedUpsert(pushBody({ appointment: { customerWaiting: undefined, woNumber: '' } }));
    assert.equal(result.appointment.customerWaiting, false);
    assert.equal(result.appointment.woNumber, null);
  });

  it('when a cancel carries a car and parties, then only the cancel is mapped', () => {
    const result = mapped(pushBody({ event: 'appointment.cancel' }));
    assert.deepEqual(Object.keys(result).sort(), ['dmsNumber', 'event', 'messageId', 'sentAt', 'warnings', 'woNumber']);
    assert.equal(result.event, 'appointment.cancel');
  });
});
