import { defaultVatRate, type CarsysPush } from '../contract/push-schema.js';
import { deriveOtherPrice } from '../normalise/amount.js';
import { isSuspiciousAppointmentDate, parseDmsDateTime } from '../normalise/dates.js';
import { parseFlexibleBoolean } from '../normalise/boolean.js';
import { fieldCaps } from '../contract/field-caps.js';
import { readOrKeep, withinCap } from './kept-value.js';
import type { MappedAppointmentFields, MappedIntervention } from './mapped-push.js';
import type { WarningList } from './map-push.js';

type PushIntervention = NonNullable<CarsysPush['appointment']['interventions']>[number];

type Prices = NonNullable<PushIntervention['prices']>;

/** An amount read by the schema, or undefined with a warning when it kept the unreadable text instead. */
function readAmount(raw: number | string | undefined, path: string, warnings: WarningList): number | undefined {
  if (typeof raw !== 'string') return raw;
  warnings.add(path, 'invalid_amount', 'is not an amount (such as 239.26, "239,26" or "1.234,56"); left empty');
  return undefined;
}

/** The prices in cents; the missing one derived from the VAT rate only when the rate could be read. */
function mapPrices(prices: Prices | undefined, at: (field: string) => string, warnings: WarningList) {
  if (prices === undefined) return { priceExclVatCents: null, priceInclVatCents: null, vatRate: null };
  const exclVatCents = readAmount(prices.exclVat, at('prices.exclVat'), warnings);
  const inclVatCents = readAmount(prices.inclVat, at('prices.inclVat'), warnings);
  if (prices.exclVat === undefined && prices.inclVat === undefined) {
    warnings.add(at('prices'), 'price_missing', 'has neither exclVat nor inclVat; the line has no price');
  }
  let vatRate: number | null = prices.vatRate === undefined ? defaultVatRate : null;
  if (typeof prices.vatRate === 'number') vatRate = prices.vatRate;
  else if (prices.vatRate !== undefined) {
    warnings.add(at('prices.vatRate'), 'invalid_vat_rate', 'is not a VAT percentage from 0 to 100; no price derived');
  }
  if (exclVatCents === undefined && inclVatCents === undefined) {
    return { priceExclVatCents: null, priceInclVatCents: null, vatRate };
  }
  if (vatRate === null) {
    return { priceExclVatCents: exclVatCents ?? null, priceInclVatCents: inclVatCents ?? null, vatRate };
  }
  const cents = deriveOtherPrice({ exclVatCents, inclVatCents, vatRate });
  return { priceExclVatCents: cents.exclVatCents, priceInclVatCents: cents.inclVatCents, vatRate };
}

function mapIntervention(intervention: PushIntervention, index: number, warnings: WarningList): MappedIntervention {
  const at = (field: string) => `appointment.interventions[${index}].${field}`;
  if (intervention.title === undefined) {
    warnings.add(at('title'), 'title_missing', 'is empty; the line is imported without a title');
  }
  return {
    lineId:
      intervention.lineId === undefined
        ? null
        : withinCap(intervention.lineId, fieldCaps.lineId, at('lineId'), warnings),
    title:
      intervention.title === undefined ? null : withinCap(intervention.title, fieldCaps.title, at('title'), warnings),
    description:
      intervention.description === undefined
        ? null
        : withinCap(intervention.description, fieldCaps.description, at('description'), warnings),
    ...mapPrices(intervention.prices, at, warnings),
  };
}

/** Maps the appointment of an upsert; the schema has already made sure it has a date. */
export function mapAppointment(
  appointment: CarsysPush['appointment'],
  appointmentAt: string,
  warnings: WarningList,
): Omit<MappedAppointmentFields, 'warnings'> {
  const created = readOrKeep(
    appointment.creationDate,
    fieldCaps.date,
    'appointment.creationDate',
    warnings,
    (text) => {
      const parsed = parseDmsDateTime(text);
      return parsed.ok ? parsed.value.toISOString() : undefined;
    },
    () =>
      warnings.add(
        'appointment.creationDate',
        'invalid_date',
        'is not a date we can read; left out, so the date typo check cannot run',
      ),
  );
  const createdInDmsAt = created.value;
  if (createdInDmsAt !== null && isSuspiciousAppointmentDate(new Date(appointmentAt), new Date(createdInDmsAt))) {
    warnings.add(
      'appointment.appointmentDate',
      'suspicious_date',
      'is before the creation date or more than 365 days after it; day and month may be swapped',
    );
  }
  return {
    woNumber: appointment.woNumber ?? null,
    appointmentAt,
    createdInDmsAt,
    customerWaiting: customerWaiting(appointment.customerWaiting, warnings),
    interventions: (appointment.interventions ?? []).map((intervention, index) =>
      mapIntervention(intervention, index, warnings),
    ),
  };
}

function customerWaiting(raw: boolean | string | undefined, warnings: WarningList): boolean {
  if (raw === undefined) return false;
  const parsed = parseFlexibleBoolean(raw);
  if (parsed !== undefined) return parsed;
  warnings.add(
    'appointment.customerWaiting',
    'invalid_boolean',
    'is not a yes/no value (true/false, J/N, ja/nee, yes/no, 1/0); read as no',
  );
  return false;
}
