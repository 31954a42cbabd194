import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  dmsTimeZone,
  isSuspiciousAppointmentDate,
  parseCalendarDate,
  parseDmsDateTime,
} from '../../src/domain/normalise/dates.js';

function instant(raw: string): string {
  const parsed = parseDmsDateTime(raw);
  assert.ok(parsed.ok, `expected ${raw} to parse, got: ${parsed.ok ? '' : parsed.reason}`);
  return parsed.value.toISOString();
}

function reason(parsed: { ok: true } | { ok: false; reason: string }): string {
  if (parsed.ok) assert.fail('expected a rejection');
  return parsed.reason;
}

describe('dmsTimeZone', () => {
  it('when read, then it is Amsterdam', () => {
    assert.equal(dmsTimeZone, 'Europe/Amsterdam');
  });
});

describe('parseDmsDateTime', () => {
  describe('ISO 8601', () => {
    it('when the value has an offset, then that offset is used', () => {
      assert.equal(instant('2026-11-27T09:14:40+01:00'), '2026-11-27T08:14:40.000Z');
      assert.equal(instant('2026-12-03T13:00:00+01:00'), '2026-12-03T12:00:00.000Z');
      assert.equal(instant('2026-11-27T09:14:40-05:00'), '2026-11-27T14:14:40.000Z');
      assert.equal(instant('2026-11-27T09:14:40+0530'), '2026-11-27T03:44:40.000Z');
    });

    it('when the value ends in Z, then it is UTC', () => {
      assert.equal(instant('2026-11-27T09:14:40Z'), '2026-11-27T09:14:40.000Z');
      assert.equal(instant('2026-11-27T09:14:40.5Z'), '2026-11-27T09:14:40.500Z');
    });

    it('when a winter offset is written for a summer date, then the written offset wins over Amsterdam time', () => {
      assert.equal(instant('2026-07-01T09:00:00+01:00'), '2026-07-01T08:00:00.000Z');
    });

    it('when the value has no offset, then it is read as Amsterdam local time, winter or summer', () => {
      assert.equal(instant('2026-11-27T09:14'), '2026-11-27T08:14:00.000Z');
      assert.equal(instant('2026-07-01T09:14:00'), '2026-07-01T07:14:00.000Z');
    });

    it('when only an ISO date is given, then it means midnight in Amsterdam', () => {
      assert.equal(instant('2026-11-27'), '2026-11-26T23:00:00.000Z');
    });

    it('when an explicit offset is given inside the spring-forward gap, then the instant is still exact', () => {
      assert.equal(instant('2026-03-29T02:30:00+01:00'), '2026-03-29T01:30:00.000Z');
    });

    it('when the ISO date does not exist, then it is rejected as not a real date', () => {
      assert.match(reason(parseDmsDateTime('2026-02-31T09:00:00+01:00')), /not a real date: February 2026 has 28 days/);
      assert.match(reason(parseDmsDateTime('2026-13-01T09:00')), /there is no month 13/);
    });

    it('when the offset cannot exist, then it is rejected', () => {
      assert.match(reason(parseDmsDateTime('2026-11-27T09:00:00+19:00')), /time-zone offset that does not exist/);
    });
  });

  describe('day-first', () => {
    it('when dd-mm-yyyy HH:mm is given in winter, then it is Amsterdam winter time (+01:00)', () => {
      assert.equal(instant('01-12-2026 08:30'), '2026-12-01T07:30:00.000Z');
      assert.equal(instant('27-11-2026 10:01'), '2026-11-27T09:01:00.000Z');
    });

    it('when dd-mm-yyyy HH:mm is given in summer, then it is Amsterdam summer time (+02:00)', () => {
      assert.equal(instant('01-07-2026 08:30'), '2026-07-01T06:30:00.000Z');
    });

    it('when seconds are given, then they are kept', () => {
      assert.equal(instant('27-11-2026 09:15:30'), '2026-11-27T08:15:30.000Z');
    });

    it('when slashes separate the parts, then they are read day-first too', () => {
      assert.equal(instant('27/11/2026'), '2026-11-26T23:00:00.000Z');
      assert.equal(instant('27/11/2026 09:15'), '2026-11-27T08:15:00.000Z');
    });

    it('when day, month and hour have one digit, then they are accepted', () => {
      assert.equal(instant('7-1-2026 9:05'), '2026-01-07T08:05:00.000Z');
      assert.equal(instant('7-1-2026'), '2026-01-06T23:00:00.000Z');
    });

    it('when a date is given without a time, then it means 00:00 local', () => {
      assert.equal(instant('15-03-2012'), '2012-03-14T23:00:00.000Z');
      assert.equal(instant('15-07-2012'), '2012-07-14T22:00:00.000Z');
    });

    it('when both the first and second number could be a month, then the first is still the day', () => {
      assert.equal(instant('10/6/2019'), '2019-06-09T22:00:00.000Z');
      assert.equal(instant('06-10-2029 08:00'), '2029-10-06T06:00:00.000Z');
    });

    it('when the date is 31 February, then it is rejected as not a real date', () => {
      assert.equal(
        reason(parseDmsDateTime('31-02-2026 09:00')),
        '31-02-2026 09:00 is not a real date: February 2026 has 28 days.',
      );
    });

    it('when 29 February falls in a leap year, then it is accepted, and otherwise rejected', () => {
      assert.equal(instant('29-02-2028 10:00'), '2028-02-29T09:00:00.000Z');
      assert.match(reason(parseDmsDateTime('29-02-2026 10:00')), /February 2026 has 28 days/);
    });

    it('when the day is past the end of a 30-day month or zero, then it is rejected', () => {
      assert.match(reason(parseDmsDateTime('31-04-2026')), /April 2026 has 30 days/);
      assert.match(reason(parseDmsDateTime('00-11-2026')), /there is no day 0/);
    });

    it('when the date is written month-first, then it is rejected with a hint that dates are day-first', () => {
      const text = reason(parseDmsDateTime('12-31-2026 09:00'));
      assert.match(text, /there is no month 31/);
      assert.match(text, /day first/);
    });

    it('when the time of day does not exist, then it is rejected', () => {
      assert.match(reason(parseDmsDateTime('24-11-2026 24:00')), /not a real time of day/);
      assert.match(reason(parseDmsDateTime('24-11-2026 09:60')), /not a real time of day/);
    });
  });

  describe('daylight saving time in Amsterdam', () => {
    it('when the time is just before the spring-forward gap, then it is still winter time', () => {
      assert.equal(instant('29-03-2026 01:59'), '2026-03-29T00:59:00.000Z');
    });

    it('when the time is right after the spring-forward gap, then it is summer time', () => {
      assert.equal(instant('29-03-2026 03:00'), '2026-03-29T01:00:00.000Z');
    });

    it('when the time falls in the spring-forward gap, then it is rejected because it does not exist', () => {
      for (const raw of ['29-03-2026 02:00', '29-03-2026 02:30', '29-03-2026 02:59', '2026-03-29T02:30']) {
        const text = reason(parseDmsDateTime(raw));
        assert.match(text, /does not exist in Dutch local time/, raw);
        assert.match(text, /summer time/, raw);
      }
    });

    it('when the time is just before the autumn repeated hour, then it is summer time', () => {
      assert.equal(instant('25-10-2026 01:59'), '2026-10-24T23:59:00.000Z');
    });

    it('when the time falls in the repeated autumn hour, then its first occurrence (summer time, +02:00) is taken', () => {
      assert.equal(instant('25-10-2026 02:00'), '2026-10-25T00:00:00.000Z');
      assert.equal(instant('25-10-2026 02:30'), '2026-10-25T00:30:00.000Z');
      assert.equal(instant('25-10-2026 02:59'), '2026-10-25T00:59:00.000Z');
    });

    it('when the time is right after the repeated autumn hour, then it is winter time', () => {
      assert.equal(instant('25-10-2026 03:00'), '2026-10-25T02:00:00.000Z');
    });
  });

  describe('unknown forms', () => {
    it('when the text is not a date, then the reason lists the accepted forms', () => {
      const text = reason(parseDmsDateTime('misschien'));
      assert.match(text, /"misschien" is not a date we can read/);
      assert.match(text, /27-11-2026 09:15/);
      assert.match(text, /27\/11\/2026/);
      assert.match(text, /ISO 8601/);
    });

    it('when the year has two digits, then it is rejected rather than guessed', () => {
      assert.match(reason(parseDmsDateTime('27-11-26 09:15')), /is not a date we can read/);
    });

    it('when the date starts with the year but uses slashes, then it is rejected', () => {
      assert.match(reason(parseDmsDateTime('2026/11/27')), /is not a date we can read/);
    });

    it('when the text is empty, then the reason says so', () => {
      assert.match(reason(parseDmsDateTime('')), /^The date is empty\./);
      assert.match(reason(parseDmsDateTime('   ')), /^The date is empty\./);
    });
  });
});

describe('parseCalendarDate', () => {
  it('when an ISO date is given, then it comes back unchanged', () => {
    assert.deepEqual(parseCalendarDate('2027-03-15'), { ok: true, value: '2027-03-15' });
    assert.deepEqual(parseCalendarDate('2019-07-01'), { ok: true, value: '2019-07-01' });
  });

  it('when a day-first date is given, then it becomes YYYY-MM-DD', () => {
    assert.deepEqual(parseCalendarDate('15-03-2012'), { ok: true, value: '2012-03-15' });
    assert.deepEqual(parseCalendarDate('01-07-2027'), { ok: true, value: '2027-07-01' });
    assert.deepEqual(parseCalendarDate('01/07/2027'), { ok: true, value: '2027-07-01' });
    assert.deepEqual(parseCalendarDate('1-7-2027'), { ok: true, value: '2027-07-01' });
  });

  it('when an ISO date-time with an offset is given, then it is the Amsterdam day of that instant', () => {
    assert.deepEqual(parseCalendarDate('2026-11-27T23:30:00-05:00'), { ok: true, value: '2026-11-28' });
    assert.deepEqual(parseCalendarDate('2026-11-27T00:30:00+01:00'), { ok: true, value: '2026-11-27' });
    assert.deepEqual(parseCalendarDate('2026-11-27T00:30:00Z'), { ok: true, value: '2026-11-27' });
    assert.deepEqual(parseCalendarDate('2027-03-14T23:00:00Z'), { ok: true, value: '2027-03-15' });
    assert.deepEqual(parseCalendarDate('2027-07-14T22:00:00Z'), { ok: true, value: '2027-07-15' });
    assert.deepEqual(parseCalendarDate('2027-07-14T21:59:59Z'), { ok: true, value: '2027-07-14' });
  });

  it('when an ISO date-time has no offset, then its date part is taken as written', () => {
    assert.deepEqual(parseCalendarDate('2026-11-27T23:30:00'), { ok: true, value: '2026-11-27' });
  });

  it('when a day-first date-time is given, then its date part is taken', () => {
    assert.deepEqual(parseCalendarDate('15-03-2012 00:00'), { ok: true, value: '2012-03-15' });
    assert.deepEqual(parseCalendarDate('29-03-2026 02:30'), { ok: true, value: '2026-03-29' });
  });

  it('when 29 February falls in a leap year, then it is accepted', () => {
    assert.deepEqual(parseCalendarDate('29-02-2024'), { ok: true, value: '2024-02-29' });
  });

  it('when the date does not exist, then it is rejected with the reason', () => {
    assert.deepEqual(parseCalendarDate('31-02-2026'), {
      ok: false,
      reason: '31-02-2026 is not a real date: February 2026 has 28 days.',
    });
    assert.match(reason(parseCalendarDate('30-02-2024')), /February 2024 has 29 days/);
    assert.match(reason(parseCalendarDate('2026-13-01')), /there is no month 13/);
  });

  it('when the date is written month-first, then it is rejected with a hint that dates are day-first', () => {
    assert.match(reason(parseCalendarDate('03/15/2027')), /there is no month 15\. Dates are read day first/);
  });

  it('when the text is not a date, then the reason lists the accepted forms', () => {
    const text = reason(parseCalendarDate('morgen'));
    assert.match(text, /"morgen" is not a date we can read/);
    assert.match(text, /2026-11-27/);
    assert.match(text, /27-11-2026/);
  });
});

describe('isSuspiciousAppointmentDate', () => {
  const createdAt = new Date('2026-11-27T10:58:00Z');

  it('when the appointment is a few days after its creation, then it is not suspicious', () => {
    assert.equal(isSuspiciousAppointmentDate(new Date('2026-12-01T07:30:00Z'), createdAt), false);
  });

  it('when the appointment is at the very moment of creation, then it is not suspicious', () => {
    assert.equal(isSuspiciousAppointmentDate(createdAt, createdAt), false);
  });

  it('when the appointment is before its creation, even by a minute, then it is suspicious', () => {
    assert.equal(isSuspiciousAppointmentDate(new Date('2026-11-27T10:57:00Z'), createdAt), true);
    assert.equal(isSuspiciousAppointmentDate(new Date('2025-11-27T10:58:00Z'), createdAt), true);
  });

  it('when the appointment is exactly 365 days after creation, then it is not suspicious', () => {
    assert.equal(isSuspiciousAppointmentDate(new Date('2027-11-27T10:58:00Z'), createdAt), false);
  });

  it('when the appointment is more than 365 days after creation, then it is suspicious', () => {
    assert.equal(isSuspiciousAppointmentDate(new Date('2027-11-27T10:58:00.001Z'), createdAt), true);
    assert.equal(isSuspiciousAppointmentDate(new Date('2029-10-06T06:00:00Z'), createdAt), true);
  });

  it('when either date is invalid, then it is suspicious', () => {
    assert.equal(isSuspiciousAppointmentDate(new Date('not a date'), createdAt), true);
    assert.equal(isSuspiciousAppointmentDate(createdAt, new Date(Number.NaN)), true);
  });
});
