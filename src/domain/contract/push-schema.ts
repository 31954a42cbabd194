import { z } from 'zod';
import { isObject } from './envelope.js';
import { parseFlexibleBoolean } from '../normalise/boolean.js';
import { parseAmountCents } from '../normalise/amount.js';
import { parseCalendarDate, parseDmsDateTime } from '../normalise/dates.js';
import { normaliseRegistration, normaliseVin } from '../normalise/vehicle.js';

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
const dateTime = z.string().transform((raw, ctx) => {
  const parsed = parseDmsDateTime(raw);
  if (parsed.ok) return parsed.value.toISOString();
  ctx.addIssue({ code: 'custom', message: parsed.reason, params: { code: 'invalid_date' } });
  return z.NEVER;
});

/** A calendar date without a time zone, stored as YYYY-MM-DD. */
const calendarDate = z.string().transform((raw, ctx) => {
  const parsed = parseCalendarDate(raw);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.reason, params: { code: 'invalid_date' } });
  return z.NEVER;
});

const flexibleBoolean = z.unknown().transform((raw, ctx) => {
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
const amountCents = z.union([z.number(), z.string()]).transform((raw, ctx) => {
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

const pushEvents = ['appointment.upsert', 'appointment.cancel'] as const;
export type PushEvent = (typeof pushEvents)[number];

/** Contract's default when a push leaves out the VAT rate. */
export const defaultVatRate = 21;

const dmsId = text(64).pipe(z.string().min(1));

const Prices = z
  .object({
    exclVat: optional(amountCents),
    inclVat: optional(amountCents),
    vatRate: optional(vatRate),
  })
  .superRefine((prices, ctx) => {
    if (prices.exclVat === undefined && prices.inclVat === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'needs at least one of exclVat and inclVat',
        params: { code: 'price_missing' },
      });
    }
  });

const Intervention = z.object({
  lineId: optional(text(64)),
  title: required(text(500)),
  description: optional(text(4000)),
  prices: optional(Prices),
});

const Appointment = z.object({
  dmsNumber: required(dmsId),
  woNumber: optional(text(64)),
  appointmentDate: optional(dateTime),
  creationDate: optional(dateTime),
  customerWaiting: optional(flexibleBoolean),
  interventions: optional(z.array(Intervention).max(500)),
});

const Car = z.object({
  make: optional(text(100)),
  model: optional(text(200)),
  registrationNumber: optional(text(32)),
  vin: optional(text(32)),
  fuel: optional(text(64)),
  firstRegistrationDate: optional(calendarDate),
  apkDate: optional(calendarDate),
  driverId: optional(dmsId),
  ownerId: optional(dmsId),
  contractorId: optional(dmsId),
});

const Party = z.object({
  id: required(dmsId),
  company: optional(text(200)),
  title: optional(text(50)),
  firstName: optional(text(100)),
  lastName: optional(text(200)),
  street: optional(text(200)),
  houseNumber: optional(text(20)),
  postcode: optional(text(20)),
  place: optional(text(100)),
  emailPrivate: optional(text(254)),
  phonePrivate: optional(text(40)),
  mobilePrivate: optional(text(40)),
  emailBusiness: optional(text(254)),
  phoneBusiness: optional(text(40)),
  mobileBusiness: optional(text(40)),
});

/** Whether a car field identifies the car; 'unknown' when the field failed its own check, which reports it. */
function identifies(value: unknown, normalise: (raw: string) => string | undefined): boolean | 'unknown' {
  if (value === undefined) return false;
  if (typeof value !== 'string') return 'unknown';
  return normalise(value) !== undefined;
}

/**
 * The rules that span fields: an upsert needs a date and an identifiable car (rule 2), party ids are unique.
 * They run even when a field is bad, so a refused push lists every problem at once (rule 8); the value may then
 * hold unparsed parts, so it is read as unknown.
 */
function crossFieldRules(push: unknown, ctx: z.RefinementCtx): void {
  if (!isObject(push)) return;
  const { event, appointment, car, parties } = push;
  const requiredForUpsert = (path: string[]) =>
    ctx.addIssue({
      code: 'custom',
      path,
      message: 'is required for an appointment.upsert',
      params: { code: 'required' },
    });
  if (event === undefined || event === 'appointment.upsert') {
    if (isObject(appointment) && appointment['appointmentDate'] === undefined) {
      requiredForUpsert(['appointment', 'appointmentDate']);
    }
    if (car === undefined) requiredForUpsert(['car']);
    if (isObject(car)) {
      const vin = identifies(car['vin'], normaliseVin);
      const registration = identifies(car['registrationNumber'], normaliseRegistration);
      if (vin === false && registration === false) {
        ctx.addIssue({
          code: 'custom',
          path: ['car'],
          message:
            'cannot be identified: it needs a valid VIN (17 characters, no I, O or Q) or a Dutch registration number',
          params: { code: 'car_unidentified' },
        });
      }
    }
  }
  if (!Array.isArray(parties)) return;
  const seen = new Set<string>();
  parties.forEach((party: unknown, index) => {
    const id = isObject(party) ? party['id'] : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['parties', index, 'id'],
        message: 'appears twice in parties; each party id must be unique',
        params: { code: 'duplicate_party' },
      });
    }
    seen.add(id);
  });
}

/**
 * The Carsys push body (contract v1) with every value in its parsed form: instants as ISO UTC strings,
 * calendar dates as YYYY-MM-DD, amounts in cents. Values that are normalised later (plates, phones, e-mail)
 * stay text here, because a bad one is a warning, not a failure.
 */
export const CarsysPush = z
  .object({
    messageId: optional(text(200)),
    event: optional(
      z.enum(pushEvents, { error: 'is not a known event; use appointment.upsert or appointment.cancel' }),
    ),
    sentAt: optional(dateTime),
    appointment: required(Appointment),
    car: optional(Car),
    parties: optional(z.array(Party).max(50)),
  })
  .superRefine(crossFieldRules, { when: () => true })
  .transform((push) => ({ ...push, event: push.event ?? 'appointment.upsert', parties: push.parties ?? [] }));
export type CarsysPush = z.output<typeof CarsysPush>;
export type CarsysPushCar = NonNullable<CarsysPush['car']>;
export type CarsysPushParty = CarsysPush['parties'][number];
