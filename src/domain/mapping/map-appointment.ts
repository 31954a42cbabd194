import { defaultVatRate, type CarsysPush } from '../contract/push-schema.js';
import { deriveOtherPrice } from '../normalise/amount.js';
import { isSuspiciousAppointmentDate, parseDmsDateTime } from '../normalise/dates.js';
import { parseFlexibleBoolean } from '../normalise/boolean.js';
import { fieldCaps } from '../contract/field-caps.js';
import { readOrKeep, withinCap } from './kept-value.js';
import type { MappedAppointmentFields, MappedIntervention } from './mapped-push.js';
import type { WarningList } from './map-push.js';

type PushIntervention = NonNullable<CarsysPush['appointment']['interventions']>[number];

function mapIntervention(intervention: PushIntervention, index: number, warnings: WarningList): MappedIntervention {
  const at = (field: string) => `appointment.interventions[${index}].${field}`;
  const prices = intervention.prices;
  const vatRate = prices?.vatRate ?? defaultVatRate;
  const cents =
    prices === undefined
      ? undefined
      : deriveOtherPrice({ exclVatCents: prices.exclVat, inclVatCents: prices.inclVat, vatRate });
  return {
    lineId:
      intervention.lineId === undefined
        ? null
        : withinCap(intervention.lineId, fieldCaps.lineId, at('lineId'), warnings),
    title: withinCap(intervention.title, fieldCaps.title, at('title'), warnings),
    description:
      intervention.description === undefined
        ? null
        : withinCap(intervention.description, fieldCaps.description, at('description'), warnings),
    priceExclVatCents: cents?.exclVatCents ?? null,
    priceInclVatCents: cents?.inclVatCents ?? null,
    vatRate: prices === undefined ? null : vatRate,
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
