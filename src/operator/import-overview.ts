import type { ImportStatus } from '../domain/import-status.js';
import type { FailureReasonRow, ImportCountRow, ImportOverviewCounts } from '../store/import-overview-counts.js';
import { hourMs } from '../store/hour-slots.js';
import type { RefusalCountRow, RefusalCounts } from '../store/refusal-counts.js';
import { refusalMeaning } from './work-order-diagnosis.js';

/** What an import (or a refused request) came to, as the person on duty counts them. */
export const overviewOutcomes = ['imported', 'failed', 'skipped', 'importing', 'refused'] as const;
export type OverviewOutcome = (typeof overviewOutcomes)[number];

const outcomeOfStatus: Readonly<Record<ImportStatus, Exclude<OverviewOutcome, 'refused'>>> = {
  accepted: 'importing',
  imported: 'imported',
  failed: 'failed',
  skipped_duplicate: 'skipped',
  skipped_stale: 'skipped',
  skipped_work_started: 'skipped',
};

export type OutcomeCounts = Readonly<Record<OverviewOutcome, number>>;

export type FailureReason = Readonly<{ path: string; code: string; message: string; count: number }>;
export type RefusalReason = Readonly<{ code: string; meaning: string; count: number }>;

export type PeriodFigures = Readonly<
  OutcomeCounts & {
    /** Pushes the receiver accepted (imported + failed + skipped + importing); refused ones are not among them. */
    received: number;
    topFailureReasons: readonly FailureReason[];
    topRefusalReasons: readonly RefusalReason[];
  }
>;

export type HourFigures = Readonly<OutcomeCounts & { hour: Date }>;

export type GarageOverview = Readonly<{
  /** Null for refused requests that named no garage at all. */
  garageId: string | null;
  /** Whether the garage is configured here; refused requests can claim any id. */
  known: boolean;
  last24Hours: PeriodFigures;
  last7Days: PeriodFigures;
  /** The last 7 days by clock hour (UTC hour starts), hours with nothing left out. */
  perHour: readonly HourFigures[];
}>;

export type ImportOverview = Readonly<{
  generatedAt: Date;
  last24Hours: Readonly<{ from: Date; to: Date }>;
  last7Days: Readonly<{ from: Date; to: Date }>;
  garages: readonly GarageOverview[];
  /** Garages beyond the cap (only ids nobody configured, claimed by refused requests), left out of `garages`. */
  garagesLeftOut: number;
}>;

const dayMs = 24 * hourMs;
/** Reasons shown per garage and period. */
export const topReasons = 5;
/** Rows at most; only unconfigured ids (which anyone can claim in a refused request) are ever cut. */
export const maxOverviewGarages = 100;

const zeroCounts = (): Record<OverviewOutcome, number> => ({
  imported: 0,
  failed: 0,
  skipped: 0,
  importing: 0,
  refused: 0,
});

type Facts = Readonly<{
  imports: readonly ImportCountRow[];
  refusals: readonly RefusalCountRow[];
  failures: readonly FailureReasonRow[];
}>;

/** One key per garage, including "no garage named", so maps can hold both. */
const keyOf = (garageId: string | null) => (garageId === null ? '' : `g:${garageId}`);

function topFailures(rows: readonly FailureReasonRow[]): FailureReason[] {
  // One reason is a field and a rule; messages may differ in detail (the type found), the commonest one is shown.
  const byReason = new Map<string, { path: string; code: string; count: number; message: string; best: number }>();
  for (const row of rows) {
    const path = row.path.replace(/\[\d+\]/g, '[]');
    const key = `${path}\u0000${row.code}`;
    const reason = byReason.get(key);
    if (reason === undefined) {
      byReason.set(key, { path, code: row.code, count: row.count, message: row.message, best: row.count });
    } else {
      reason.count += row.count;
      if (row.count > reason.best) Object.assign(reason, { message: row.message, best: row.count });
    }
  }
  return [...byReason.values()]
    .sort((a, b) => b.count - a.count || a.path.localeCompare(b.path) || a.code.localeCompare(b.code))
    .slice(0, topReasons)
    .map(({ path, code, message, count }) => ({ path, code, message, count }));
}

function topRefusals(rows: readonly RefusalCountRow[]): RefusalReason[] {
  const byCode = new Map<string, number>();
  for (const row of rows) byCode.set(row.code, (byCode.get(row.code) ?? 0) + row.count);
  return [...byCode.entries()]
    .sort(([codeA, a], [codeB, b]) => b - a || codeA.localeCompare(codeB))
    .slice(0, topReasons)
    .map(([code, count]) => ({ code, meaning: refusalMeaning(code), count }));
}

type GarageRows = {
  garageId: string | null;
  imports: ImportCountRow[];
  refusals: RefusalCountRow[];
  failures: FailureReasonRow[];
};

function periodFigures(rows: GarageRows, since: Date): Readonly<PeriodFigures> {
  const counts = zeroCounts();
  for (const row of rows.imports) if (row.hour >= since) counts[outcomeOfStatus[row.status]] += row.count;
  const refusals = rows.refusals.filter((row) => row.hour >= since);
  for (const row of refusals) counts.refused += row.count;
  return {
    received: counts.imported + counts.failed + counts.skipped + counts.importing,
    ...counts,
    topFailureReasons: topFailures(rows.failures.filter((row) => row.hour >= since)),
    topRefusalReasons: topRefusals(refusals),
  };
}

function perHour(rows: GarageRows): HourFigures[] {
  const hours = new Map<number, Record<OverviewOutcome, number>>();
  const at = (hour: Date) => {
    let counts = hours.get(hour.getTime());
    if (counts === undefined) hours.set(hour.getTime(), (counts = zeroCounts()));
    return counts;
  };
  for (const row of rows.imports) at(row.hour)[outcomeOfStatus[row.status]] += row.count;
  for (const row of rows.refusals) at(row.hour).refused += row.count;
  return [...hours.entries()].sort(([a], [b]) => a - b).map(([hour, counts]) => ({ hour: new Date(hour), ...counts }));
}

const activity = (garage: GarageOverview) => garage.last7Days.received + garage.last7Days.refused;

/**
 * Puts the store's counts together per garage: the last 24 hours and the last 7 days, their top reasons, and the
 * hourly series. The store's hour slots end at `to`, so the last 24 hours are exactly the newest 24 slots.
 */
export function assembleOverview(
  facts: Facts,
  question: Readonly<{ to: Date; knownGarageIds: readonly string[]; garageId?: string | undefined }>,
): ImportOverview {
  const last7Days = { from: new Date(question.to.getTime() - 7 * dayMs), to: question.to };
  const last24Hours = { from: new Date(question.to.getTime() - dayMs), to: question.to };
  const known = new Set(question.knownGarageIds);
  const garages = new Map<string, GarageRows>();
  const rowsOf = (garageId: string | null) => {
    const key = keyOf(garageId);
    let rows = garages.get(key);
    if (rows === undefined) {
      garages.set(key, (rows = { garageId, imports: [], refusals: [], failures: [] }));
    }
    return rows;
  };
  const shown = question.garageId === undefined ? question.knownGarageIds : [question.garageId];
  for (const garageId of shown) rowsOf(garageId);
  for (const row of facts.imports) rowsOf(row.garageId).imports.push(row);
  for (const row of facts.refusals) rowsOf(row.garageIdClaimed).refusals.push(row);
  for (const row of facts.failures) rowsOf(row.garageId).failures.push(row);

  const all = [...garages.values()].map((rows): GarageOverview => ({
    garageId: rows.garageId,
    known: rows.garageId !== null && known.has(rows.garageId),
    last24Hours: periodFigures(rows, last24Hours.from),
    last7Days: periodFigures(rows, last7Days.from),
    perHour: perHour(rows),
  }));
  const configured = all
    .filter((garage) => garage.known)
    .sort((a, b) => String(a.garageId).localeCompare(String(b.garageId)));
  const others = all
    .filter((garage) => !garage.known)
    .sort((a, b) => activity(b) - activity(a) || String(a.garageId).localeCompare(String(b.garageId)));
  const listed = [...configured, ...others];
  const kept = Math.max(configured.length, maxOverviewGarages);
  return {
    generatedAt: question.to,
    last24Hours,
    last7Days,
    garages: listed.slice(0, kept),
    garagesLeftOut: Math.max(0, listed.length - kept),
  };
}

export type ImportOverviewReport = (
  question: Readonly<{ to?: Date | undefined; garageId?: string | undefined }>,
) => Promise<ImportOverview>;

/** The overview for the person on duty: per garage, what came in over the last day and week, and how it ended. */
export function importOverview(deps: {
  counts: ImportOverviewCounts;
  refusals: RefusalCounts;
  knownGarageIds: () => readonly string[];
  now: () => Date;
}): ImportOverviewReport {
  return async (question) => {
    const to = question.to ?? deps.now();
    const week = { from: new Date(to.getTime() - 7 * dayMs), to };
    const { garageId } = question;
    const knownGarageIds = deps.knownGarageIds();
    // Imports exist only for garages that could sign their pushes, so the configured ones (or the one asked for).
    const garages = { garageIds: garageId === undefined ? knownGarageIds : [garageId] };
    const [{ imports, failures }, refusals] = await Promise.all([
      deps.counts.perHour(garages, week),
      deps.refusals.perHour(week, garageId),
    ]);
    return assembleOverview({ imports, refusals, failures }, { to, knownGarageIds, garageId });
  };
}
