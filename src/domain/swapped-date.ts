import { DateTime } from 'luxon';
import { dmsTimeZone } from './normalise/dates.js';

/**
 * The instant a DMS date would have had with its day and month swapped (10/6 for 6/10), at the same Dutch wall-clock
 * time; null when the swap is no real date or changes nothing. Support shows it beside a `suspicious_date` warning.
 */
export function dayAndMonthSwapped(instant: Date): Date | null {
  const local = DateTime.fromJSDate(instant, { zone: dmsTimeZone });
  if (!local.isValid || local.day === local.month || local.day > 12) return null;
  const swapped = local.set({ month: local.day, day: local.month });
  if (!swapped.isValid || swapped.month !== local.day || swapped.day !== local.month) return null;
  return swapped.toJSDate();
}
