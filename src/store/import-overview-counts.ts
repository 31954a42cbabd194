import type { Filter } from 'mongodb';
import type { ImportStatus } from '../domain/import-status.js';
import type { Collections } from './collections.js';
import type { ImportDocument } from './documents.js';
import { countPerHourSlot, type HourSlotPeriod } from './hour-slots.js';

/** How many pushes of one garage, received in one hour slot, ended with one status. */
export type ImportCountRow = Readonly<{ garageId: string; status: ImportStatus; hour: Date; count: number }>;

/** How often one rule broke on one field in a garage's failed imports. */
export type FailureReasonRow = Readonly<{
  garageId: string;
  path: string;
  code: string;
  message: string;
  count: number;
}>;

/** Which garages to count: the given ones (through the garage/time index), or one. */
export type GarageSelection = Readonly<{ garageIds: readonly string[] }>;

/**
 * The import log counted for the overview, by garage, status and hour slot of receipt. FerretDB 1.x implements only
 * `$sum`, `$first` and `$type` as aggregation expressions (no date arithmetic), so hours cannot be grouped in the
 * database: the hour slots are counted here from a projection of three small fields, read through the
 * `garage_received` index; the failure reasons, which need no date arithmetic, are grouped by the database.
 */
export function importOverviewCounts(collections: Collections) {
  const imports = collections.imports;
  const received = (garages: GarageSelection, period: HourSlotPeriod): Filter<ImportDocument> => ({
    garageId: { $in: [...garages.garageIds] },
    receivedAt: { $gte: period.from, $lt: period.to },
  });
  return {
    async perHour(garages: GarageSelection, period: HourSlotPeriod): Promise<ImportCountRow[]> {
      if (garages.garageIds.length === 0) return [];
      const receipts = await imports
        .find(received(garages, period), { projection: { _id: 0, garageId: 1, status: 1, receivedAt: 1 } })
        .toArray();
      return countPerHourSlot(
        period,
        receipts,
        (row) => row.receivedAt,
        (row) => `${row.garageId}\u0000${row.status}`,
      ).map(({ first, hour, count }) => ({ garageId: first.garageId, status: first.status, hour, count }));
    },

    /** Failed imports received in the period, counted by garage, field, rule and message. */
    async failureReasons(garages: GarageSelection, period: HourSlotPeriod): Promise<FailureReasonRow[]> {
      if (garages.garageIds.length === 0) return [];
      // Grouped by the whole list of issues, not `$unwind` then `$group`: FerretDB 1.24's `$unwind` keeps only `_id`
      // and the unwound field, so the garage would be lost. Failed imports mostly fail alike, so the groups are few.
      type Group = { _id: { garageId: string; issues: ImportDocument['issues'] }; count: number };
      const groups = await imports
        .aggregate<Group>([
          { $match: { ...received(garages, period), status: 'failed' } },
          { $group: { _id: { garageId: '$garageId', issues: '$issues' }, count: { $sum: 1 } } },
          { $sort: { count: -1 } },
          // Bounded whatever Carsys sends: the top reasons are among the commonest few thousand lists of issues.
          { $limit: 5_000 },
        ])
        .toArray();
      const reasons = new Map<
        string,
        { garageId: string; path: string; code: string; message: string; count: number }
      >();
      for (const group of groups) {
        for (const issue of group._id.issues) {
          const key = JSON.stringify([group._id.garageId, issue.path, issue.code, issue.message]);
          const reason = reasons.get(key);
          if (reason === undefined) reasons.set(key, { garageId: group._id.garageId, ...issue, count: group.count });
          else reason.count += group.count;
        }
      }
      return [...reasons.values()];
    },
  };
}
export type ImportOverviewCounts = ReturnType<typeof importOverviewCounts>;
