import type { Db, Filter } from 'mongodb';
import { countPerHourSlot, type HourSlotPeriod } from './hour-slots.js';
import { rejectionsCollectionName, type RejectionDocument } from './rejections.js';

/** How many requests claiming one garage (or none) were refused for one reason in one hour slot. */
export type RefusalCountRow = Readonly<{ garageIdClaimed: string | null; code: string; hour: Date; count: number }>;

/**
 * The rejection log counted by claimed garage, reason and hour slot, for the overview. The one place that reads
 * refusals for it, so a change of how the rejection log is kept changes only this. Hours are counted here, not in
 * the database, for the reason given in import-overview-counts.ts.
 */
export function refusalCounts(db: Db) {
  const rejections = db.collection<RejectionDocument>(rejectionsCollectionName);
  return {
    /** Every claimed garage, or only the one given (through the `garage_at` index; else the `at` index). */
    async perHour(period: HourSlotPeriod, garageIdClaimed?: string): Promise<RefusalCountRow[]> {
      const query: Filter<RejectionDocument> = {
        ...(garageIdClaimed === undefined ? {} : { garageIdClaimed }),
        at: { $gte: period.from, $lt: period.to },
      };
      const refused = await rejections
        .find(query, { projection: { _id: 0, garageIdClaimed: 1, code: 1, at: 1 } })
        .toArray();
      return countPerHourSlot(
        period,
        refused,
        (row) => row.at,
        (row) => JSON.stringify([row.garageIdClaimed, row.code]),
      ).map(({ first, hour, count }) => ({ garageIdClaimed: first.garageIdClaimed, code: first.code, hour, count }));
    },
  };
}
export type RefusalCounts = ReturnType<typeof refusalCounts>;
