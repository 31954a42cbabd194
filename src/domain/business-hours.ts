import { DateTime, Interval } from 'luxon';
import { dmsTimeZone } from './normalise/dates.js';

/** Garages work Monday to Friday, 08:00 to 18:00 Amsterdam time; silence outside those hours is expected. */
const businessDay = { startHour: 8, endHour: 18, weekdays: [1, 2, 3, 4, 5] } as const;

/** Hours of business time between two instants, so "silent for 4 business hours" ignores nights and weekends. */
export function businessHoursBetween(from: Date, to: Date): number {
  if (to <= from) return 0;
  let cursor = DateTime.fromJSDate(from, { zone: dmsTimeZone }).startOf('day');
  const end = DateTime.fromJSDate(to, { zone: dmsTimeZone });
  const span = Interval.fromDateTimes(DateTime.fromJSDate(from, { zone: dmsTimeZone }), end);
  let hours = 0;
  while (cursor < end) {
    if ((businessDay.weekdays as readonly number[]).includes(cursor.weekday)) {
      const open = Interval.fromDateTimes(
        cursor.set({ hour: businessDay.startHour }),
        cursor.set({ hour: businessDay.endHour }),
      );
      const overlap = open.intersection(span);
      if (overlap !== null) hours += overlap.length('hours');
    }
    cursor = cursor.plus({ days: 1 });
  }
  return hours;
}
