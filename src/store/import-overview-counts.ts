import type { ImportStatus } from '../domain/import-status.js';
import type { Collections } from './collections.js';
import type { ImportDocument } from './documents.js';
import { countPerHourSlot, type HourSlotPeriod } from './hour-slots.js';

/** How many pushes of one garage, received in one hour slot, ended with one status. */
export type ImportCountRow = Readonly<{ garageId: string; status: ImportStatus; hour: Date; count: number }>;

/** How often one rule broke on one field in the failed imports a garage pushed in one hour slot. */
export type FailureReasonRow = Readonly<{
  garageId: string;
  hour: Date;
  path: string;
  code: string;
  message: string;
  count: number;
}>;

/** Which garages to count, by id, so the query runs through the garage/time index. */
export type GarageSelection = Readonly<{ garageIds: readonly string[] }>;

type Receipt = Pick<ImportDocument, 'garageId' | 'status' | 'receivedAt' | 'issues'>;
type Issue = ImportDocument['issues'][number];

/**
 * The import log counted for the overview, by garage, status and hour slot of receipt, with the issues of the
 * failed imports. One read of four small fields per import in the period, through the `garage_received` index,
 * counted here rather than by `$group`: FerretDB 1.x implements only `$sum`, `$first` and `$type` as aggregation
 * expressions (no date arithmetic for hours), its `$unwind` drops every field but `_id` and the unwound one, and it
 * reads the whole collection for every query without an `_id`, so one read beats one pipeline per figure.
 */
export function importOverviewCounts(collections: Collections) {
  const imports = collections.imports;
  return {
    async perHour(
      garages: GarageSelection,
      period: HourSlotPeriod,
    ): Promise<{ imports: ImportCountRow[]; failures: FailureReasonRow[] }> {
      if (garages.garageIds.length === 0) return { imports: [], failures: [] };
      const receipts: Receipt[] = await imports
        .find(
          { garageId: { $in: [...garages.garageIds] }, receivedAt: { $gte: period.from, $lt: period.to } },
          { projection: { _id: 0, garageId: 1, status: 1, receivedAt: 1, issues: 1 } },
        )
        .toArray();
      const counted = countPerHourSlot(
        period,
        receipts,
        (row) => row.receivedAt,
        (row) => `${row.garageId}\u0000${row.status}`,
      ).map(({ first, hour, count }) => ({ garageId: first.garageId, status: first.status, hour, count }));
      const issues = receipts.flatMap((row) =>
        row.status === 'failed'
          ? row.issues.map((issue) => ({ ...issue, garageId: row.garageId, at: row.receivedAt }))
          : [],
      );
      const failures = countPerHourSlot(
        period,
        issues,
        (issue) => issue.at,
        (issue) => JSON.stringify([issue.garageId, issue.path, issue.code, issue.message]),
      ).map(({ first, hour, count }) => ({ ...issueOf(first), garageId: first.garageId, hour, count }));
      return { imports: counted, failures };
    },
  };
}
export type ImportOverviewCounts = ReturnType<typeof importOverviewCounts>;

const issueOf = (issue: Issue): Issue => ({ path: issue.path, code: issue.code, message: issue.message });
