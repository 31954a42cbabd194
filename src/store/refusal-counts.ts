import type { Db } from 'mongodb';
import { hourSlotOf, type HourSlotPeriod } from './hour-slots.js';
import { tallies } from './rejections.js';

/** How many requests claiming one garage (or none) were refused for one reason in one hour slot. */
export type RefusalCountRow = Readonly<{ garageIdClaimed: string | null; code: string; hour: Date; count: number }>;

/**
 * The rejection log counted by claimed garage, reason and hour slot, for the overview. The one place that reads
 * refusals for it, so a change of how the rejection log is kept changes only this. The log counts per clock hour
 * (src/store/rejections.ts) while the overview's slots end at its `to`: a clock hour's count goes to the slot that
 * holds its latest refusal, so a figure may sit up to an hour early or late, never twice and never lost.
 */
export function refusalCounts(db: Db) {
  return {
    /** Every claimed garage, or only the one given. */
    async perHour(period: HourSlotPeriod, garageIdClaimed?: string): Promise<RefusalCountRow[]> {
      const counted = await tallies(db, { from: period.from, to: period.to, garageId: garageIdClaimed });
      const rows = new Map<string, { garageIdClaimed: string | null; code: string; hour: Date; count: number }>();
      for (const tally of counted) {
        // The newest refusal of a count may lie past `to` when its clock hour straddles it: it belongs to the last slot.
        const latest = tally.lastAt < period.to ? tally.lastAt : new Date(period.to.getTime() - 1);
        if (latest < period.from) continue;
        const hour = hourSlotOf(period, latest);
        const key = JSON.stringify([tally.garageIdClaimed, tally.code, hour.getTime()]);
        const row = rows.get(key);
        if (row === undefined)
          rows.set(key, { garageIdClaimed: tally.garageIdClaimed, code: tally.code, hour, count: tally.count });
        else row.count += tally.count;
      }
      return [...rows.values()];
    },
  };
}
export type RefusalCounts = ReturnType<typeof refusalCounts>;
