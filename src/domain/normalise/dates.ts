import { DateTime, IANAZone } from 'luxon';

/** The time zone Carsys writes local dates and times in. */
export const dmsTimeZone = 'Europe/Amsterdam';

/** An instant read from a DMS date-time, or the reason in plain words why it could not be read. */
export type DateTimeParse = { ok: true; value: Date } | { ok: false; reason: string };

/** A calendar date (`YYYY-MM-DD`) read from a DMS date, or the reason in plain words why it could not be read. */
export type CalendarDateParse = { ok: true; value: string } | { ok: false; reason: string };

type Parts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes?: number;
};
type PartsParse = { ok: true; parts: Parts } | { ok: false; reason: string };

const zone = IANAZone.create(dmsTimeZone);
const hourMs = 60 * 60 * 1000;
const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const dateTimeForms =
  'Accepted forms are day-first dates such as 27-11-2026, 27-11-2026 09:15, 27-11-2026 09:15:30, 27/11/2026 09:15 or 7-1-2026 9:05 (Dutch local time), and ISO 8601 such as 2026-11-27T09:15:00+01:00.';
const calendarDateForms =
  'Accepted forms are 2026-11-27, day-first dates such as 27-11-2026, 27/11/2026 or 7-1-2026, and ISO 8601 date-times such as 2026-11-27T09:15:00+01:00.';

const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const dayFirstPattern = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Reads a DMS date-time (ISO 8601, or day-first in Dutch local time) as an instant, DST-correct, never month-first. */
export function parseDmsDateTime(raw: string): DateTimeParse {
  const text = raw.trim();
  const read = readParts(text, dateTimeForms);
  if (!read.ok) return read;
  const { offsetMinutes, ...wallClock } = read.parts;
  // The wall-clock reading as if it were UTC; subtracting the offset in force gives the instant.
  const wall = DateTime.fromObject(wallClock, { zone: 'utc' }).toMillis();
  if (offsetMinutes !== undefined) return { ok: true, value: new Date(wall - offsetMinutes * 60_000) };
  const instants = amsterdamInstants(wall);
  const first = instants[0];
  if (first === undefined) {
    return {
      ok: false,
      reason: `${text} does not exist in Dutch local time: that night the clocks were put forward one hour for summer time, so this time was skipped.`,
    };
  }
  // When the clocks go back in autumn, 02:00–02:59 happens twice; we take the first one (still summer time, +02:00),
  // the one a garage's wall clock shows first, because the DMS value carries no hint for the second.
  return { ok: true, value: new Date(first) };
}

/**
 * Reads a DMS date as a calendar date `YYYY-MM-DD`, never month-first. A date-time with an offset is an instant, so
 * its date is the Amsterdam day (`2027-03-14T23:00:00Z` is 15 March); a date-time without one is read as written.
 */
export function parseCalendarDate(raw: string): CalendarDateParse {
  const read = readParts(raw.trim(), calendarDateForms);
  if (!read.ok) return read;
  const { offsetMinutes, ...wallClock } = read.parts;
  if (offsetMinutes !== undefined) {
    const instant = DateTime.fromObject(wallClock, { zone: 'utc' }).toMillis() - offsetMinutes * 60_000;
    const amsterdam = DateTime.fromMillis(instant, { zone });
    return { ok: true, value: `${amsterdam.year}-${pad(amsterdam.month)}-${pad(amsterdam.day)}` };
  }
  const { year, month, day } = wallClock;
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}

/** Tells whether an appointment date looks like a typo: before its creation, or more than 365 days after it (product rule 7). */
export function isSuspiciousAppointmentDate(appointmentAt: Date, createdAt: Date): boolean {
  const ahead = appointmentAt.getTime() - createdAt.getTime();
  // 365 days of 24 hours; an invalid Date gives NaN and counts as suspicious too.
  return !(ahead >= 0 && ahead <= 365 * 24 * hourMs);
}

// Every instant at which Amsterdam clocks show this wall-clock time: none in the spring gap, two in the autumn overlap.
function amsterdamInstants(wall: number): number[] {
  const nearbyOffsets = new Set([zone.offset(wall - 14 * hourMs), zone.offset(wall), zone.offset(wall + 14 * hourMs)]);
  return [...nearbyOffsets]
    .map((offset) => ({ offset, instant: wall - offset * 60_000 }))
    .filter(({ offset, instant }) => zone.offset(instant) === offset)
    .map(({ instant }) => instant)
    .sort((a, b) => a - b);
}

/** No date form is longer; longer text is refused before a pattern reads it. */
export const maxDateTextLength = 64;

function readParts(text: string, forms: string): PartsParse {
  if (text === '') return { ok: false, reason: `The date is empty. ${forms}` };
  if (text.length > maxDateTextLength) {
    return { ok: false, reason: `The date is longer than ${maxDateTextLength} characters. ${forms}` };
  }
  const iso = isoPattern.exec(text);
  if (iso) return checked(text, isoParts(iso), false);
  const dayFirst = dayFirstPattern.exec(text);
  if (dayFirst) return checked(text, dayFirstParts(dayFirst), true);
  return { ok: false, reason: `"${text}" is not a date we can read. ${forms}` };
}

function isoParts(match: RegExpExecArray): Parts {
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  return {
    ...wallClockParts(year, month, day, hour, minute, second),
    millisecond: Number((fraction ?? '').padEnd(3, '0').slice(0, 3)),
    ...(offset === undefined ? {} : { offsetMinutes: offsetMinutes(offset) }),
  };
}

function dayFirstParts(match: RegExpExecArray): Parts {
  const [, day, , month, year, hour, minute, second] = match;
  return { ...wallClockParts(year, month, day, hour, minute, second), millisecond: 0 };
}

// Absent time fields (a date without a time) mean midnight.
function wallClockParts(...fields: Array<string | undefined>) {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = fields.map((field) => Number(field ?? 0));
  return { year, month, day, hour, minute, second };
}

function checked(text: string, parts: Parts, dayFirst: boolean): PartsParse {
  const problem = impossibility(parts, dayFirst);
  return problem === undefined ? { ok: true, parts } : { ok: false, reason: `${text} ${problem}` };
}

function impossibility(
  { year, month, day, hour, minute, second, offsetMinutes }: Parts,
  dayFirst: boolean,
): string | undefined {
  const monthName = monthNames[month - 1];
  if (monthName === undefined) {
    const hint =
      dayFirst && day <= 12 ? ' Dates are read day first (dd-mm-yyyy); month-first dates are never assumed.' : '';
    return `is not a real date: there is no month ${month}.${hint}`;
  }
  const daysInMonth = DateTime.utc(year, month).daysInMonth ?? 31;
  if (day < 1) return 'is not a real date: there is no day 0.';
  if (day > daysInMonth) return `is not a real date: ${monthName} ${year} has ${daysInMonth} days.`;
  if (hour > 23 || minute > 59 || second > 59) {
    return 'is not a real time of day: hours go from 0 to 23, minutes and seconds from 0 to 59.';
  }
  if (offsetMinutes !== undefined && Math.abs(offsetMinutes) > 18 * 60) {
    return 'has a time-zone offset that does not exist: offsets go from -18:00 to +18:00.';
  }
  return undefined;
}

function offsetMinutes(designator: string): number {
  if (designator.toUpperCase() === 'Z') return 0;
  const digits = designator.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return designator.startsWith('-') ? -minutes : minutes;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
