import { z } from 'zod';
import { isObject } from './envelope.js';
import { maxAmountTextLength, parseAmountCents } from '../normalise/amount.js';
import { parseCalendarDate, parseDmsDateTime } from '../normalise/dates.js';
import { parseFlexibleBoolean } from '../normalise/boolean.js';
import { cutText, storedText } from '../normalise/text.js';
import { readCarIdentity } from '../normalise/car-identity.js';
import { fieldCaps, readLimitFactor } from './field-caps.js';
import { identityKey, readIdentityKey } from './identity-key.js';

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
    .transform((value) => storedText(String(value)))
    .pipe(z.string().max(maxLength));
}

/**
 * Text that is not an identity key: never a reason to refuse the push. It is read up to a few times its cap and
 * stored as NFC; mapping cuts it at the cap with a warning (rule 6), so the work order lands whatever it holds.
 */
export function keptText(cap: number) {
  return z
    .union([z.string(), z.number().finite()])
    .transform((value) => storedText(cutText(String(value), cap * readLimitFactor)));
}

/** An instant: ISO 8601 with offset, or day-first Amsterdam local time; stored as an ISO UTC string. */
const dateTime = z.string().transform((raw, ctx) => {
  const parsed = parseDmsDateTime(cutText(raw, fieldCaps.date * readLimitFactor));
  if (parsed.ok) return parsed.value.toISOString();
  ctx.addIssue({ code: 'custom', message: parsed.reason, params: { code: 'invalid_date' } });
  return z.NEVER;
});

/**
 * A money amount as JSON number or Dutch/English decimal text, in integer cents; an amount that cannot be read is
 * kept as its text (cut at 64 characters) for mapping to warn about, because a price is no identity key (rule 6).
 */
const amountCents = z
  .union([z.number(), z.string()])
  .transform((raw) => parseAmountCents(raw) ?? cutText(String(raw), maxAmountTextLength));

const maxVatRateText = 32;

/** Reads a VAT percentage such as 21, "21", "5,5" or "21%", from 0 to 100, or returns undefined. */
export function readVatRate(raw: number | string): number | undefined {
  if (typeof raw === 'number') return raw >= 0 && raw <= 100 ? raw : undefined;
  // A pattern, not Number(): Number() reads "%" as 0 and "0x15" as 21. Capped first, like every text read.
  const digits = raw.length > maxVatRateText ? undefined : /^(\d+(?:[.,]\d+)?)\s*%?$/.exec(raw.trim())?.[1];
  return digits === undefined ? undefined : readVatRate(Number(digits.replace(',', '.')));
}

/** A VAT percentage, or its text as sent when it is none (cut at 32 characters), for mapping to warn about. */
export const vatRate = z
  .union([z.number(), z.string()])
  .transform((raw) => readVatRate(raw) ?? cutText(String(raw), maxVatRateText));

/**
 * A date that is not the appointment date: read when it can be (an instant as ISO UTC, a calendar date as
 * YYYY-MM-DD), else kept as sent for mapping to keep raw with a warning (rule 6). Both readers read their own
 * output back unchanged, so mapping can tell the two apart by reading again.
 */
function keptDate(read: (text: string) => string | undefined) {
  // Text only: a JSON number is no date form at all, and the contract says so by type.
  return z
    .string()
    .transform((raw) => storedText(cutText(raw, fieldCaps.date * readLimitFactor)))
    .transform((text) => read(text) ?? text);
}

const keptDateTime = keptDate((text) => {
  const parsed = parseDmsDateTime(text);
  return parsed.ok ? parsed.value.toISOString() : undefined;
});

const keptCalendarDate = keptDate((text) => {
  const parsed = parseCalendarDate(text);
  return parsed.ok ? parsed.value : undefined;
});

/** A yes/no value, or the text as sent when it is none, for mapping to warn about. */
const keptYesNo = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((raw) => parseFlexibleBoolean(raw) ?? cutText(String(raw), fieldCaps.yesNo));

const pushEvents = ['appointment.upsert', 'appointment.cancel'] as const;
export type PushEvent = (typeof pushEvents)[number];

/** Contract's default when a push leaves out the VAT rate. */
export const defaultVatRate = 21;

const dmsId = identityKey(fieldCaps.key);

const Prices = z.object({
  exclVat: optional(amountCents),
  inclVat: optional(amountCents),
  vatRate: optional(vatRate),
});

const Intervention = z.object({
  lineId: optional(keptText(fieldCaps.lineId)),
  title: optional(keptText(fieldCaps.title)),
  description: optional(keptText(fieldCaps.description)),
  prices: optional(Prices),
});

const Appointment = z.object({
  dmsNumber: required(dmsId),
  woNumber: optional(dmsId),
  appointmentDate: optional(dateTime),
  creationDate: optional(keptDateTime),
  customerWaiting: optional(keptYesNo),
  interventions: optional(z.array(Intervention).max(500)),
});

const Car = z.object({
  make: optional(keptText(fieldCaps.make)),
  model: optional(keptText(fieldCaps.model)),
  registrationNumber: optional(keptText(fieldCaps.registrationNumber)),
  vin: optional(keptText(fieldCaps.vin)),
  fuel: optional(keptText(fieldCaps.fuel)),
  firstRegistrationDate: optional(keptCalendarDate),
  apkDate: optional(keptCalendarDate),
  driverId: optional(dmsId),
  ownerId: optional(dmsId),
  contractorId: optional(dmsId),
});

const Party = z.object({
  id: required(dmsId),
  company: optional(keptText(fieldCaps.company)),
  title: optional(keptText(fieldCaps.partyTitle)),
  firstName: optional(keptText(fieldCaps.firstName)),
  lastName: optional(keptText(fieldCaps.lastName)),
  street: optional(keptText(fieldCaps.street)),
  houseNumber: optional(keptText(fieldCaps.houseNumber)),
  postcode: optional(keptText(fieldCaps.postcode)),
  place: optional(keptText(fieldCaps.place)),
  emailPrivate: optional(keptText(fieldCaps.email)),
  phonePrivate: optional(keptText(fieldCaps.phone)),
  mobilePrivate: optional(keptText(fieldCaps.phone)),
  emailBusiness: optional(keptText(fieldCaps.email)),
  phoneBusiness: optional(keptText(fieldCaps.phone)),
  mobileBusiness: optional(keptText(fieldCaps.phone)),
});

/** Text of a car field as its own check will read it, or undefined when absent or of another type. */
function carText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' ? value : undefined;
}

/** Whether a car field has a type its own check would refuse; that check then reports it. */
function wrongType(value: unknown): boolean {
  return value !== undefined && carText(value) === undefined;
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
      const [vin, plate] = [car['vin'], car['registrationNumber']];
      const identity = readCarIdentity(carText(vin), carText(plate));
      if (identity.key === null && !wrongType(vin) && !wrongType(plate)) {
        ctx.addIssue({
          code: 'custom',
          path: ['car'],
          message:
            'cannot be identified: it needs a valid VIN (17 characters, no I, O or Q, not a placeholder) or a Dutch, German or Belgian registration number',
          params: { code: 'car_unidentified' },
        });
      }
    }
  }
  if (!Array.isArray(parties)) return;
  const seen = new Set<string>();
  parties.forEach((party: unknown, index) => {
    const raw = isObject(party) ? party['id'] : undefined;
    if (typeof raw !== 'string' && typeof raw !== 'number') return;
    const read = readIdentityKey(raw, fieldCaps.key);
    if (!read.ok) return;
    const id = read.key;
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
