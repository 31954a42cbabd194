import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validatePushBody } from '../../src/domain/contract/validate-push.js';
import type { CarsysPush } from '../../src/domain/contract/push-schema.js';
import type { PushIssue } from '../../src/domain/import-status.js';
import { readFixture } from '../support/fixtures.js';
import { pushBody } from '../support/push-body.js';

function accepted(rawBody: string): CarsysPush {
  const result = validatePushBody(rawBody);
  if (!result.ok) assert.fail(`expected the push to be valid, got ${JSON.stringify(result.issues)}`);
  return result.push;
}

/** The issues of a refused push; every issue must name its field, carry a code and say in words what is wrong. */
function refused(rawBody: string): PushIssue[] {
  const result = validatePushBody(rawBody);
  if (result.ok) assert.fail('expected the push to be refused');
  assert.ok(result.issues.length > 0, 'a refused push lists at least one issue');
  for (const issue of result.issues) {
    assert.ok(issue.path.length > 0, `issue without a path: ${JSON.stringify(issue)}`);
    assert.ok(issue.code.length > 0, `issue without a code: ${JSON.stringify(issue)}`);
    assert.ok(issue.message.length > 0, `issue without a message: ${JSON.stringify(issue)}`);
  }
  return result.issues;
}

function issueAt(issues: readonly PushIssue[], path: string): PushIssue {
  const issue = issues.find((candidate) => candidate.path === path);
  if (issue === undefined) assert.fail(`no issue at ${path}; issues: ${JSON.stringify(issues)}`);
  return issue;
}

/** The value as it crosses Temporal: JSON, where a field set to undefined is simply absent. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function pathsAndCodes(issues: readonly PushIssue[]): string[] {
  return issues.map((issue) => `${issue.path} ${issue.code}`);
}

function firstIntervention(push: CarsysPush) {
  const intervention = push.appointment.interventions?.[0];
  if (intervention === undefined) assert.fail('the push has no intervention');
  return intervention;
}

function firstParty(push: CarsysPush) {
  const party = push.parties[0];
  if (party === undefined) assert.fail('the push has no party');
  return party;
}

describe('validatePushBody on the shared fixtures', () => {
  it('when valid-full.json is validated, then every value is in its parsed form', () => {
    const push = accepted(readFixture('valid-full'));
    assert.equal(push.event, 'appointment.upsert');
    assert.equal(push.messageId, '0b6f3c1e-5d2a-4a43-9a57-3f1f2b9c0001');
    assert.equal(push.sentAt, '2026-11-27T08:15:02.000Z');
    assert.deepEqual(asJson(push.appointment), {
      dmsNumber: '184467',
      woNumber: 'WO-24-01873',
      appointmentDate: '2026-12-01T07:30:00.000Z',
      creationDate: '2026-11-27T08:14:40.000Z',
      customerWaiting: true,
      interventions: [
        {
          lineId: '1',
          title: 'Grote beurt',
          description: 'Onderhoud volgens fabrieksvoorschrift',
          prices: { exclVat: 23926, inclVat: 28950, vatRate: 21 },
        },
        { lineId: '2', title: 'APK keuring', prices: { inclVat: 4500 } },
      ],
    });
    assert.deepEqual(asJson(push.car), {
      make: 'Volkswagen',
      model: 'Golf 1.4 TSI',
      registrationNumber: 'gb123x',
      vin: 'WVWZZZ1KZAW000001',
      fuel: 'Benzine',
      firstRegistrationDate: '2012-03-15',
      apkDate: '2027-03-15',
      driverId: 'C-1001',
      ownerId: 'C-1001',
    });
    assert.deepEqual(asJson(push.parties), [
      {
        id: 'C-1001',
        title: 'Dhr.',
        firstName: 'Jan',
        lastName: 'de Vries',
        street: 'Dorpsstraat',
        houseNumber: '12a',
        postcode: '1234ab',
        place: 'Utrecht',
        emailPrivate: 'Jan.deVries@example.nl',
        phonePrivate: '030-1234567',
        mobilePrivate: '06 12345678',
      },
    ]);
  });

  it('when valid-lease-car.json is validated, then the event defaults to upsert and "N" is false', () => {
    const push = accepted(readFixture('valid-lease-car'));
    assert.equal(push.event, 'appointment.upsert');
    assert.equal(push.appointment.appointmentDate, '2026-12-03T12:00:00.000Z');
    assert.equal(push.appointment.creationDate, '2026-11-27T09:01:00.000Z');
    assert.equal(push.appointment.customerWaiting, false);
    assert.deepEqual(firstIntervention(push).prices, { exclVat: 8000, vatRate: 21 });
    assert.equal(push.car?.firstRegistrationDate, '2019-07-01');
    assert.equal(push.car?.apkDate, '2027-07-01');
    assert.deepEqual(
      push.parties.map((party) => party.id),
      ['C-2001', 'L-77'],
    );
  });

  it('when cancel.json is validated, then it is valid without appointment date, car or parties', () => {
    const push = accepted(readFixture('cancel'));
    assert.equal(push.event, 'appointment.cancel');
    assert.equal(push.sentAt, '2026-11-28T07:00:00.000Z');
    assert.deepEqual(push.appointment, { dmsNumber: '184467', woNumber: 'WO-24-01873' });
    assert.equal(push.car, undefined);
    assert.deepEqual(push.parties, []);
  });

  it('when suspicious-date.json is validated, then it is valid: a suspicious date is a warning, not a failure', () => {
    const push = accepted(readFixture('suspicious-date'));
    assert.equal(push.appointment.appointmentDate, '2029-10-06T06:00:00.000Z');
    assert.equal(push.appointment.creationDate, '2026-11-27T10:58:00.000Z');
    assert.deepEqual(firstIntervention(push).prices, { inclVat: 14900 });
  });

  it('when invalid-fields.json is validated, then each bad field is listed by path with a code and plain words', () => {
    const issues = refused(readFixture('invalid-fields'));
    const date = issueAt(issues, 'appointment.appointmentDate');
    assert.equal(date.code, 'invalid_date');
    assert.match(date.message, /February 2026 has 28 days/);
    // A yes/no value that is none is a warning now (rule 6), not a reason to refuse the push.
    assert.equal(
      issues.find((issue) => issue.path === 'appointment.customerWaiting'),
      undefined,
    );
    // An empty title and an unreadable price are warnings now too: only the appointment date fails this push.
    assert.deepEqual(pathsAndCodes(issues), ['appointment.appointmentDate invalid_date']);
  });

  it('when invalid-fields.json is validated, then its identifiable car and known party raise no issue', () => {
    const issues = refused(readFixture('invalid-fields'));
    assert.deepEqual(
      issues.filter((issue) => issue.path === 'car' || issue.path.startsWith('parties')),
      [],
    );
  });
});

describe('validatePushBody on date-times', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['2026-12-01T08:30:00+01:00', '2026-12-01T07:30:00.000Z'],
    ['2026-12-01T07:30:00Z', '2026-12-01T07:30:00.000Z'],
    ['01-12-2026 08:30', '2026-12-01T07:30:00.000Z'],
    ['01-12-2026', '2026-11-30T23:00:00.000Z'],
    ['01/12/2026', '2026-11-30T23:00:00.000Z'],
    ['1-7-2026', '2026-06-30T22:00:00.000Z'],
    ['15-07-2026 08:30', '2026-07-15T06:30:00.000Z'],
  ];
  for (const [raw, iso] of cases) {
    it(`when the appointment date is ${raw}, then it is stored as ${iso}`, () => {
      const push = accepted(pushBody({ appointment: { appointmentDate: raw } }));
      assert.equal(push.appointment.appointmentDate, iso);
    });
  }

  it('when the creation date and sentAt are day-first, then they are read in Amsterdam time too', () => {
    const push = accepted(pushBody({ sentAt: '27-11-2026 09:15', appointment: { creationDate: '27/11/2026 09:14' } }));
    assert.equal(push.sentAt, '2026-11-27T08:15:00.000Z');
    assert.equal(push.appointment.creationDate, '2026-11-27T08:14:00.000Z');
  });

  it('when a date is written month-first (12/31/2026), then it is refused, never swapped', () => {
    const issue = issueAt(
      refused(pushBody({ appointment: { appointmentDate: '12/31/2026 08:30' } })),
      'appointment.appointmentDate',
    );
    assert.equal(issue.code, 'invalid_date');
    assert.match(issue.message, /no month 31/);
  });

  it('when sentAt is not a date, then the issue is at sentAt', () => {
    assert.equal(issueAt(refused(pushBody({ sentAt: 'gisteren' })), 'sentAt').code, 'invalid_date');
  });

  it('when a date-time is a number, then it is refused as the wrong type', () => {
    const issue = issueAt(
      refused(pushBody({ appointment: { appointmentDate: 20261201 } })),
      'appointment.appointmentDate',
    );
    assert.equal(issue.code, 'wrong_type');
    assert.equal(issue.message, 'must be text, not a number');
  });

  it('when the car dates are day-first or ISO, then they become calendar dates', () => {
    const push = accepted(pushBody({ car: { firstRegistrationDate: '1-7-2019', apkDate: '2027-03-15' } }));
    assert.equal(push.car?.firstRegistrationDate, '2019-07-01');
    assert.equal(push.car?.apkDate, '2027-03-15');
  });

  it('when a car date is not a real date, then the push is valid and the text is kept for mapping to warn about', () => {
    const push = accepted(pushBody({ car: { apkDate: '2027-13-01' } }));
    assert.equal(push.car?.apkDate, '2027-13-01');
  });
});

describe('validatePushBody on booleans', () => {
  const cases: ReadonlyArray<readonly [unknown, boolean]> = [
    [true, true],
    [false, false],
    ['J', true],
    ['N', false],
    ['ja', true],
    ['nee', false],
    ['yes', true],
    ['no', false],
    [1, true],
    [0, false],
    ['1', true],
    ['0', false],
  ];
  for (const [raw, expected] of cases) {
    it(`when customerWaiting is ${JSON.stringify(raw)}, then it is ${String(expected)}`, () => {
      assert.equal(accepted(pushBody({ appointment: { customerWaiting: raw } })).appointment.customerWaiting, expected);
    });
  }

  for (const raw of ['misschien', 2, 'true-ish']) {
    it(`when customerWaiting is ${JSON.stringify(raw)}, then the push is valid and the text is kept for a warning`, () => {
      const push = accepted(pushBody({ appointment: { customerWaiting: raw } }));
      assert.equal(push.appointment.customerWaiting, String(raw));
    });
  }
});

describe('validatePushBody on amounts and VAT rates', () => {
  const cases: ReadonlyArray<readonly [number | string, number]> = [
    [239.26, 23926],
    [45, 4500],
    [80.0, 8000],
    ['239,26', 23926],
    ['239.26', 23926],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['€ 45,-', 4500],
  ];
  for (const [raw, cents] of cases) {
    it(`when exclVat is ${JSON.stringify(raw)}, then it is ${cents} cents`, () => {
      const push = accepted(
        pushBody({ appointment: { interventions: [{ title: 'Beurt', prices: { exclVat: raw } }] } }),
      );
      assert.equal(firstIntervention(push).prices?.exclVat, cents);
    });
  }

  it('when an amount is text that is no number, then the push is valid and the text is kept for mapping to warn about', () => {
    const push = accepted(
      pushBody({ appointment: { interventions: [{ title: 'Beurt', prices: { inclVat: 'twaalf euro' } }] } }),
    );
    assert.equal(firstIntervention(push).prices?.inclVat, 'twaalf euro');
  });

  it('when an amount is a boolean, then it is refused as the wrong type', () => {
    const issues = refused(
      pushBody({ appointment: { interventions: [{ title: 'Beurt', prices: { exclVat: true } }] } }),
    );
    assert.deepEqual(pathsAndCodes(issues), ['appointment.interventions[0].prices.exclVat wrong_type']);
  });

  for (const [raw, rate] of [
    [9, 9],
    ['21', 21],
    ['21%', 21],
    ['5,5', 5.5],
    [0, 0],
  ] as const) {
    it(`when vatRate is ${JSON.stringify(raw)}, then it is ${rate}`, () => {
      const push = accepted(
        pushBody({ appointment: { interventions: [{ title: 'Beurt', prices: { exclVat: 10, vatRate: raw } }] } }),
      );
      assert.equal(firstIntervention(push).prices?.vatRate, rate);
    });
  }

  for (const raw of ['hoog', '%', '0x15', '21 procent', 150, -1]) {
    it(`when vatRate is ${JSON.stringify(raw)}, then it is not read as some other number: the text is kept for a warning`, () => {
      const push = accepted(
        pushBody({ appointment: { interventions: [{ title: 'Beurt', prices: { exclVat: 10, vatRate: raw } }] } }),
      );
      assert.equal(firstIntervention(push).prices?.vatRate, String(raw));
    });
  }
});

describe('validatePushBody on absent values', () => {
  for (const absent of ['', '   ', null]) {
    it(`when optional fields are ${JSON.stringify(absent)}, then they are absent`, () => {
      const push = accepted(
        pushBody({
          messageId: absent,
          sentAt: absent,
          appointment: { woNumber: absent, creationDate: absent, customerWaiting: absent },
          car: { vin: absent, fuel: absent, apkDate: absent },
          parties: [{ id: 'C-1', company: absent, emailPrivate: absent }],
        }),
      );
      assert.equal(push.messageId, undefined);
      assert.equal(push.sentAt, undefined);
      assert.equal(push.appointment.woNumber, undefined);
      assert.equal(push.appointment.creationDate, undefined);
      assert.equal(push.appointment.customerWaiting, undefined);
      assert.equal(push.car?.vin, undefined);
      assert.equal(push.car?.fuel, undefined);
      assert.equal(push.car?.apkDate, undefined);
      assert.equal(firstParty(push).company, undefined);
      assert.equal(firstParty(push).emailPrivate, undefined);
      assert.equal(push.car?.registrationNumber, 'GB-123-X');
    });
  }

  it('when prices are given with both amounts empty or null, then the push is valid with no amounts', () => {
    const push = accepted(
      pushBody({ appointment: { interventions: [{ title: 'Beurt', prices: { exclVat: '', inclVat: null } }] } }),
    );
    assert.deepEqual(asJson(firstIntervention(push).prices), {});
  });

  it('when only one of exclVat and inclVat is given, or no prices at all, then the push is valid', () => {
    const push = accepted(
      pushBody({
        appointment: {
          interventions: [
            { title: 'A', prices: { inclVat: 12.1 } },
            { title: 'B', prices: { exclVat: 10 } },
            { title: 'C' },
          ],
        },
      }),
    );
    assert.deepEqual(
      push.appointment.interventions?.map((intervention) => intervention.prices),
      [{ inclVat: 1210 }, { exclVat: 1000 }, undefined],
    );
  });
});

describe('validatePushBody on text fields', () => {
  it('when text fields are sent as numbers, then they are taken as text', () => {
    const push = accepted(
      pushBody({
        appointment: { dmsNumber: 184467, woNumber: 2401873, interventions: [{ lineId: 1, title: 'Beurt' }] },
        car: { driverId: 1001, ownerId: 1001 },
        parties: [{ id: 1001, houseNumber: 12, postcode: 1234 }],
      }),
    );
    assert.equal(push.appointment.dmsNumber, '184467');
    assert.equal(push.appointment.woNumber, '2401873');
    assert.equal(firstIntervention(push).lineId, '1');
    assert.equal(push.car?.driverId, '1001');
    assert.equal(firstParty(push).id, '1001');
    assert.equal(firstParty(push).houseNumber, '12');
    assert.equal(firstParty(push).postcode, '1234');
  });

  it('when text has spaces around it, then they are trimmed', () => {
    const push = accepted(pushBody({ car: { make: '  Opel ' }, parties: [{ id: ' C-1 ', lastName: ' Jansen ' }] }));
    assert.equal(push.car?.make, 'Opel');
    assert.equal(firstParty(push).id, 'C-1');
    assert.equal(firstParty(push).lastName, 'Jansen');
  });

  it('when a text field is an object or a boolean, then it is refused as the wrong type', () => {
    const issues = refused(pushBody({ car: { make: { name: 'Opel' } }, parties: [{ id: 'C-1', houseNumber: true }] }));
    assert.deepEqual(pathsAndCodes(issues).sort(), ['car.make wrong_type', 'parties[0].houseNumber wrong_type']);
    assert.equal(issueAt(issues, 'car.make').message, 'has the wrong type (an object)');
  });

  it('when a text is exactly its maximum length, then it is valid', () => {
    const push = accepted(pushBody({ parties: [{ id: 'C-1', firstName: 'x'.repeat(100) }] }));
    assert.equal(firstParty(push).firstName?.length, 100);
  });

  it('when texts are longer than allowed, then only the identity key is refused as too long (rule 6)', () => {
    const issues = refused(
      pushBody({
        appointment: { dmsNumber: '9'.repeat(65), interventions: [{ title: 't'.repeat(501) }] },
        car: { model: 'm'.repeat(201) },
        parties: [{ id: 'C-1', firstName: 'x'.repeat(101) }],
      }),
    );
    assert.deepEqual(pathsAndCodes(issues).sort(), ['appointment.dmsNumber too_long']);
    assert.equal(issueAt(issues, 'appointment.dmsNumber').message, 'is longer than 64 characters');
  });

  it('when there are more than 500 interventions or 50 parties, then the lists are refused as too long', () => {
    const parties = Array.from({ length: 51 }, (_, index) => ({ id: `C-${index}` }));
    const interventions = Array.from({ length: 501 }, () => ({ title: 'Beurt' }));
    const issues = refused(pushBody({ appointment: { interventions }, parties }));
    assert.deepEqual(pathsAndCodes(issues).sort(), ['appointment.interventions too_many', 'parties too_many']);
  });
});

describe('validatePushBody on required fields', () => {
  for (const dmsNumber of [undefined, '', null, '  ']) {
    it(`when appointment.dmsNumber is ${JSON.stringify(dmsNumber) ?? 'missing'}, then it is required`, () => {
      const issues = refused(pushBody({ appointment: { dmsNumber } }));
      assert.deepEqual(issueAt(issues, 'appointment.dmsNumber'), {
        path: 'appointment.dmsNumber',
        code: 'required',
        message: 'is required',
      });
    });
  }

  it('when the appointment is missing, then it is required', () => {
    assert.deepEqual(pathsAndCodes(refused(pushBody({ appointment: undefined }))), ['appointment required']);
  });

  it('when an upsert has no appointment date, then appointmentDate is required', () => {
    const issue = issueAt(
      refused(pushBody({ appointment: { appointmentDate: undefined } })),
      'appointment.appointmentDate',
    );
    assert.equal(issue.code, 'required');
    assert.equal(issue.message, 'is required for an appointment.upsert');
  });

  it('when the event is left out and there is no appointment date, then it is required as for an upsert', () => {
    const issues = refused(pushBody({ event: undefined, appointment: { appointmentDate: '' } }));
    assert.deepEqual(pathsAndCodes(issues), ['appointment.appointmentDate required']);
  });

  it('when an upsert has no car, or a null car, then car is required', () => {
    assert.deepEqual(pathsAndCodes(refused(pushBody({ car: undefined }))), ['car required']);
    assert.deepEqual(pathsAndCodes(refused(pushBody({ car: null }))), ['car required']);
  });

  it('when a cancel has neither appointment date nor car, then it is valid', () => {
    const push = accepted(
      pushBody({ event: 'appointment.cancel', appointment: { appointmentDate: undefined }, car: undefined }),
    );
    assert.equal(push.event, 'appointment.cancel');
    assert.equal(push.car, undefined);
  });

  for (const title of [undefined, '', null, '   ']) {
    it(`when an intervention title is ${JSON.stringify(title) ?? 'missing'}, then the push is valid and the title absent`, () => {
      const push = accepted(pushBody({ appointment: { interventions: [{ title: 'Beurt' }, { title }] } }));
      assert.equal(push.appointment.interventions?.[1]?.title, undefined);
    });
  }

  it('when a party has no id, then its id is required', () => {
    assert.deepEqual(pathsAndCodes(refused(pushBody({ parties: [{ lastName: 'Jansen' }] }))), [
      'parties[0].id required',
    ]);
  });
});

describe('validatePushBody on events and shapes', () => {
  it('when the event is unknown, then it is refused at event with the known events named', () => {
    const issue = issueAt(refused(pushBody({ event: 'appointment.delete' })), 'event');
    assert.equal(issue.code, 'invalid_value');
    assert.match(issue.message, /appointment\.upsert or appointment\.cancel/);
  });

  it('when interventions is not a list, then it is refused as the wrong type', () => {
    const issues = refused(pushBody({ appointment: { interventions: { title: 'Beurt' } } }));
    assert.deepEqual(issues, [
      { path: 'appointment.interventions', code: 'wrong_type', message: 'must be a list, not an object' },
    ]);
  });

  it('when parties is an object, then it is refused as the wrong type', () => {
    const issues = refused(pushBody({ parties: { id: 'C-1' } }));
    assert.deepEqual(issues, [{ path: 'parties', code: 'wrong_type', message: 'must be a list, not an object' }]);
  });

  it('when the car is a list or the appointment is text, then each is refused as the wrong type', () => {
    assert.deepEqual(pathsAndCodes(refused(pushBody({ car: [] }))), ['car wrong_type']);
    assert.deepEqual(pathsAndCodes(refused(pushBody({ appointment: '184467' }))), ['appointment wrong_type']);
  });

  for (const [raw, words] of [
    ['[]', 'a list'],
    ['"push"', 'text'],
    ['null', 'null'],
    ['42', 'a number'],
  ] as const) {
    it(`when the body is ${raw}, then it is refused as not an object`, () => {
      assert.deepEqual(refused(raw), [
        { path: '(body)', code: 'wrong_type', message: `must be an object, not ${words}` },
      ]);
    });
  }

  for (const raw of ['', '{', '{"appointment": {"dmsNumber": "1"},}', 'undefined']) {
    it(`when the body ${JSON.stringify(raw)} is not JSON, then the one issue is invalid_json`, () => {
      assert.deepEqual(refused(raw), [{ path: '(body)', code: 'invalid_json', message: 'is not valid JSON' }]);
    });
  }

  it('when the push carries keys the contract does not know, then they are ignored and left out', () => {
    const push = accepted(
      pushBody({
        version: 2,
        appointment: { mileage: 120000 },
        car: { colour: 'blue' },
        parties: [{ id: 'C-1', nickname: 'JJ' }],
      }),
    );
    assert.equal('version' in push, false);
    assert.equal('mileage' in push.appointment, false);
    assert.equal('colour' in (push.car ?? {}), false);
    assert.equal('nickname' in firstParty(push), false);
  });
});

describe('validatePushBody on parties and car identity', () => {
  it('when two parties share an id, then the second one is refused as a duplicate', () => {
    const issues = refused(pushBody({ parties: [{ id: 'C-1' }, { id: 'C-2' }, { id: 'C-1' }] }));
    assert.deepEqual(issues, [
      {
        path: 'parties[2].id',
        code: 'duplicate_party',
        message: 'appears twice in parties; each party id must be unique',
      },
    ]);
  });

  it('when two party ids differ only as number and text or by spaces, then they are duplicates too', () => {
    assert.deepEqual(pathsAndCodes(refused(pushBody({ parties: [{ id: 1001 }, { id: ' 1001 ' }] }))), [
      'parties[1].id duplicate_party',
    ]);
  });

  it('when the car has neither a valid VIN nor a valid registration, then it is refused as car_unidentified', () => {
    const issues = refused(pushBody({ car: { vin: 'WVWZZZ1KZAW00000I', registrationNumber: 'ABCDEFG' } }));
    assert.deepEqual(pathsAndCodes(issues), ['car car_unidentified']);
    assert.match(issueAt(issues, 'car').message, /valid VIN/);
  });

  it('when the car has no VIN and no registration at all, then it is refused as car_unidentified', () => {
    const issues = refused(pushBody({ car: { vin: undefined, registrationNumber: null } }));
    assert.deepEqual(pathsAndCodes(issues), ['car car_unidentified']);
  });

  it('when the car has only a valid VIN, or only a valid registration, then it is identified', () => {
    assert.equal(accepted(pushBody({ car: { registrationNumber: 'onbekend' } })).car?.vin, 'WVWZZZ1KZAW000001');
    assert.equal(accepted(pushBody({ car: { vin: '12345' } })).car?.registrationNumber, 'GB-123-X');
  });

  it('when a cancel carries an unidentifiable car, then it is still valid: a cancel writes no car', () => {
    const push = accepted(pushBody({ event: 'appointment.cancel', car: { vin: 'x', registrationNumber: 'y' } }));
    assert.equal(push.event, 'appointment.cancel');
  });
});

describe('validatePushBody lists every bad field at once (rule 8)', () => {
  it('when an upsert lacks date and car and has a bad field, then all three are listed', () => {
    const issues = refused(
      pushBody({ appointment: { appointmentDate: undefined, woNumber: 'WO\t1' }, car: undefined }),
    );
    assert.deepEqual(pathsAndCodes(issues).sort(), [
      'appointment.appointmentDate required',
      'appointment.woNumber control_character',
      'car required',
    ]);
  });

  it('when the car is unidentifiable and another field is bad, then both are listed', () => {
    const issues = refused(
      pushBody({ appointment: { woNumber: 'WO\t1' }, car: { vin: 'x', registrationNumber: 'y' } }),
    );
    assert.deepEqual(pathsAndCodes(issues).sort(), ['appointment.woNumber control_character', 'car car_unidentified']);
  });

  it('when party ids repeat and a date is wrong, then both are listed', () => {
    const issues = refused(pushBody({ sentAt: '31-02-2026', parties: [{ id: 'C-1' }, { id: 'C-1' }] }));
    assert.deepEqual(pathsAndCodes(issues).sort(), ['parties[1].id duplicate_party', 'sentAt invalid_date']);
  });

  it('when a car field has the wrong type, then the car is not also called unidentified', () => {
    const issues = refused(pushBody({ car: { vin: ['WVWZZZ1KZAW000001'] } }));
    assert.deepEqual(pathsAndCodes(issues), ['car.vin wrong_type']);
  });

  it('when the event is unknown, then the upsert-only rules are not applied on top', () => {
    const issues = refused(
      pushBody({ event: 'appointment.delete', appointment: { appointmentDate: undefined }, car: undefined }),
    );
    assert.deepEqual(pathsAndCodes(issues), ['event invalid_value']);
  });
});

describe('validatePushBody on prototype keys', () => {
  const hostile = '"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}';
  const body = `{
    ${hostile},
    "event": "appointment.upsert",
    "appointment": {
      ${hostile},
      "dmsNumber": "1", "appointmentDate": "01-12-2026 08:30",
      "interventions": [{${hostile}, "title": "Beurt", "prices": {${hostile}, "exclVat": 10}}]
    },
    "car": {${hostile}, "registrationNumber": "GB-123-X"},
    "parties": [{${hostile}, "id": "C-1"}]
  }`;

  it('when __proto__ and constructor keys appear at every level, then no prototype is polluted', () => {
    const push = accepted(body);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    for (const value of [push, push.appointment, push.car, firstParty(push), firstIntervention(push)]) {
      assert.equal(Object.getPrototypeOf(value), Object.prototype);
      assert.equal((value as Record<string, unknown>)['polluted'], undefined);
    }
    assert.deepEqual(Object.keys(push).sort(), ['appointment', 'car', 'event', 'parties']);
  });
});

describe('validatePushBody on the byte order mark', () => {
  it('when the body starts with a UTF-8 byte order mark, then it is read as the receiver reads it: without the mark', () => {
    const push = accepted(`\uFEFF${pushBody()}`);
    assert.equal(push.appointment.dmsNumber, '500001');
  });

  it('when a byte order mark appears after the start, then the body is still not valid JSON', () => {
    assert.deepEqual(pathsAndCodes(refused(` \uFEFF${pushBody()}`)), ['(body) invalid_json']);
  });
});
