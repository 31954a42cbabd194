/** A period counted in whole hours back from its end, so "the last 24 hours" is exactly its newest 24 slots. */
export type HourSlotPeriod = Readonly<{ from: Date; to: Date }>;

export const hourMs = 60 * 60 * 1000;

/**
 * The start of the hour-long slot that holds `at`, counting back from `period.to` (the newest slot starts at
 * `to - 1 h`). Slots end at `to` rather than on the clock hour, so every period's figures are whole slots.
 */
export function hourSlotOf(period: HourSlotPeriod, at: Date): Date {
  // Slots start where they are closed: a time exactly one hour before `to` is the newest slot's first moment.
  const back = Math.max(1, Math.ceil((period.to.getTime() - at.getTime()) / hourMs));
  return new Date(period.to.getTime() - back * hourMs);
}

/** Counts rows per hour slot and per whatever `keyOf` names; each count carries the first row of its group. */
export function countPerHourSlot<Row>(
  period: HourSlotPeriod,
  rows: Iterable<Row>,
  timeOf: (row: Row) => Date,
  keyOf: (row: Row) => string,
): { first: Row; hour: Date; count: number }[] {
  const counts = new Map<string, { first: Row; hour: Date; count: number }>();
  for (const row of rows) {
    const hour = hourSlotOf(period, timeOf(row));
    const id = `${hour.getTime()}\u0000${keyOf(row)}`;
    const found = counts.get(id);
    if (found === undefined) counts.set(id, { first: row, hour, count: 1 });
    else found.count += 1;
  }
  return [...counts.values()];
}
