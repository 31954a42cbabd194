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
