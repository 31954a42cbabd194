import { businessHoursBetween } from '../domain/business-hours.js';
import type { ImportQueries } from '../store/import-queries.js';

export type GarageSilence = Readonly<{
  garageId: string;
  lastPushAt: Date | null;
  /** Business hours since the last push (or since the receiver started, for a garage that never pushed). */
  silentBusinessHours: number;
  silent: boolean;
}>;

export type SilenceReport = Readonly<{ thresholdBusinessHours: number; garages: GarageSilence[] }>;

/** Per garage: has it gone quiet for longer than the threshold, counting business hours only? */
export function silenceReport(deps: {
  /** Read at each report: garages added or enabled later are watched from then on. */
  garageIds: () => readonly string[];
  queries: Pick<ImportQueries, 'lastPushPerGarage'>;
  thresholdBusinessHours: number;
  since: Date;
  now: () => Date;
}): () => Promise<SilenceReport> {
  return async () => {
    const garageIds = deps.garageIds();
    const last = await deps.queries.lastPushPerGarage(garageIds);
    const now = deps.now();
    const garages = garageIds.map((garageId) => {
      const lastPushAt = last.get(garageId) ?? null;
      const silentBusinessHours = Math.round(businessHoursBetween(lastPushAt ?? deps.since, now) * 10) / 10;
      return { garageId, lastPushAt, silentBusinessHours, silent: silentBusinessHours >= deps.thresholdBusinessHours };
    });
    return { thresholdBusinessHours: deps.thresholdBusinessHours, garages };
  };
}

/**
 * The silence report for `/metrics`: read from the database at most once per `maxAgeMs`, whatever the number of
 * scrapers. Parallel scrapes share one read; once a report exists a scrape never waits: a stale one is served while
 * the next is read in the background. `onRead` is told of each read (a metric), `onError` of a failed one (the old
 * report stays).
 */
export function cachedSilenceReport(
  read: () => Promise<SilenceReport>,
  options: { maxAgeMs: number; now: () => number; onRead?: () => void; onError?: (error: unknown) => void },
): () => Promise<SilenceReport> {
  let cached: SilenceReport | null = null;
  // When the last read ended, failed or not: a database that fails is asked again only after `maxAgeMs` too.
  let lastReadAt = 0;
  let reading: Promise<SilenceReport> | null = null;

  function readOnce(): Promise<SilenceReport> {
    reading ??= (async () => {
      options.onRead?.();
      try {
        const report = await read();
        cached = report;
        return report;
      } finally {
        lastReadAt = options.now();
        reading = null;
      }
    })();
    return reading;
  }

  return async () => {
    if (cached === null) return readOnce();
    if (options.now() - lastReadAt >= options.maxAgeMs) {
      readOnce().catch((error: unknown) => options.onError?.(error));
    }
    return cached;
  };
}
