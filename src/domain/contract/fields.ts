import { z } from 'zod';
import { parseFlexibleBoolean } from '../normalise/boolean.js';
import { parseAmountCents } from '../normalise/amount.js';
import { parseCalendarDate, parseDmsDateTime } from '../normalise/dates.js';

/** The contract says empty strings mean absent; null means absent too. */
function isAbsent(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Makes a field optional in the contract's sense: missing, null and "" all become undefined. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (isAbsent(value) ? undefined : value), schema.optional());
}

/** Makes a field required, treating null and "" as missing so the issue says "is required". */
export function required<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (isAbsent(value) ? undefined : value), schema);
}

/** Free text, trimmed; DMS exports send numbers for some text fields (house numbers, ids), which we take as text. */
export function text(maxLength: number) {
  return z
    .union([z.string(), z.number().finite()])
    .transform((value) => String(value).trim())
    .pipe(z.string().max(maxLength));
}

/** An instant: ISO 8601 with offset, or day-first Amsterdam local time; stored as an ISO UTC string. */
export const dateTime = z.string().transform((raw, ctx) => {
  const parsed = parseDmsDateTime(raw);
  if (parsed.ok) return parsed.value.toISOString();
  ctx.addIssue({ code: 'custom', message: parsed.reason, params: { code: 'invalid_date' } });
  return z.NEVER;
});

/** A calendar date without a time zone, stored as YYYY-MM-DD. */
export const calendarDate = z.string().transform((raw, ctx) => {
  const parsed = parseCalendarDate(raw);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.reason, params: { code: 'invalid_date' } });
  return z.NEVER;
});

export const flexibleBoolean = z.unknown().transform((raw, ctx) => {
  const parsed = parseFlexibleBoolean(raw);
  if (parsed !== undefined) return parsed;
  ctx.addIssue({
    code: 'custom',
    message: 'is not a yes/no value; use true/false, J/N, ja/nee, yes/no or 1/0',
    params: { code: 'invalid_boolean' },
  });
  return z.NEVER;
});

/** A money amount as JSON number or Dutch/English decimal text, in integer cents. */
export const amountCents = z.union([z.number(), z.string()]).transform((raw, ctx) => {
  const cents = parseAmountCents(raw);
  if (cents !== undefined) return cents;
  ctx.addIssue({
    code: 'custom',
    message: 'is not an amount; use a number such as 239.26 or text such as "239,26" or "1.234,56"',
    params: { code: 'invalid_amount' },
  });
  return z.NEVER;
});

/** A VAT percentage such as 21, "21", "5,5" or "21%". */
export const vatRate = z
  .union([z.number(), z.string()])
  .transform((raw, ctx) => {
    if (typeof raw === 'number') return raw;
    // A pattern, not Number(): Number() reads "%" as 0 and "0x15" as 21.
    const digits = /^(\d+(?:[.,]\d+)?)\s*%?$/.exec(raw.trim())?.[1];
    if (digits !== undefined) return Number(digits.replace(',', '.'));
    ctx.addIssue({
      code: 'custom',
      message: 'is not a VAT percentage such as 21',
      params: { code: 'invalid_vat_rate' },
    });
    return z.NEVER;
  })
  .pipe(z.number().min(0).max(100));
