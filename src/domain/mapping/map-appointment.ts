import { defaultVatRate, type CarsysPush } from '../contract/push-schema.js';
import { deriveOtherPrice } from '../normalise/amount.js';
import { isSuspiciousAppointmentDate } from '../normalise/dates.js';
import type { MappedAppointmentFields, MappedIntervention } from './mapped-push.js';
import type { WarningList } from './map-push.js';

type PushIntervention = NonNullable<CarsysPush['appointment']['interventions']>[number];

function mapIntervention(intervention: PushIntervention): MappedIntervention {
  const prices = intervention.prices;
  const vatRate = prices?.vatRate ?? defaultVatRate;
  const cents =
    prices === undefined
      ? undefined
      : deriveOtherPrice({ exclVatCents: prices.exclVat, inclVatCents: prices.inclVat, vatRate });
  return {
    lineId: intervention.lineId ?? null,
    title: intervention.title,
    description: intervention.description ?? null,
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
  const createdInDmsAt = appointment.creationDate ?? null;
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
    customerWaiting: appointment.customerWaiting ?? false,
    interventions: (appointment.interventions ?? []).map(mapIntervention),
  };
}
