import { z } from 'zod';

const text = z.string().trim().min(1).max(128);

/** The question: every configured garage (and any id refused requests claimed), or one garage. */
export const OverviewQuery = z.object({
  garageId: text.optional().describe('only this garage'),
  to: z.coerce
    .date()
    .optional()
    .describe('the end of both periods (ISO 8601); default now. The last 24 hours and 7 days before it are counted'),
});

const instant = z.string().describe('ISO 8601');
const count = z.number().int().min(0);
const period = z.object({ from: instant, to: instant });

const outcomes = {
  imported: count,
  failed: count,
  skipped: count.describe('skipped as a duplicate, an older version, or because work had started'),
  importing: count.describe('accepted and not finished yet'),
  refused: count.describe('refused by the receiver (the rejection log): bad signature, old timestamp, too large...'),
};

const PeriodFigures = z.object({
  received: count.describe('pushes accepted: imported + failed + skipped + importing (refused ones not among them)'),
  ...outcomes,
  topFailureReasons: z
    .array(z.object({ path: z.string(), code: z.string(), message: z.string(), count }))
    .describe('the commonest issues of failed imports, by field (indices as []) and rule; at most 5'),
  topRefusalReasons: z
    .array(z.object({ code: z.string(), meaning: z.string(), count }))
    .describe('the commonest reasons for refused requests; at most 5'),
});

/** The overview as the import API sends it (see import-overview.ts). */
export const OverviewAnswer = z.object({
  generatedAt: instant,
  last24Hours: period,
  last7Days: period,
  garages: z.array(
    z.object({
      garageId: z.string().nullable().describe('null: refused requests that named no garage'),
      known: z.boolean().describe('configured here; refused requests can claim any id'),
      last24Hours: PeriodFigures,
      last7Days: PeriodFigures,
      perHour: z
        .array(z.object({ hour: instant.describe('start of an hour-long slot; the newest ends at `to`'), ...outcomes }))
        .describe('the last 7 days, hour by hour, oldest first; hours with nothing are left out'),
    }),
  ),
  garagesLeftOut: count.describe('unconfigured garage ids beyond the first 100 rows, left out'),
});
