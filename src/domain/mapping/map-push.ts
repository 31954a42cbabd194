import type { CarsysPush } from '../contract/push-schema.js';
import { mapAppointment } from './map-appointment.js';
import { mapCar } from './map-car.js';
import { mapParties } from './map-parties.js';
import type { MappedPush } from './mapped-push.js';
import type { PushWarning } from '../import-status.js';
import { orderingTime, sentAtAheadToleranceMs } from '../ordering.js';

/** Maps a valid push to the fields the documents hold (rules 2–7), with a warning for each value kept raw. */
export function mapPush(push: CarsysPush, receivedAt: string): MappedPush {
  const warnings = new WarningList();
  const sentAt = push.sentAt ?? receivedAt;
  if (push.sentAt === undefined) {
    warnings.add('sentAt', 'sent_at_missing', 'is missing; the receive time orders this version instead');
  } else if (orderingTime(new Date(push.sentAt), new Date(receivedAt)).sentAtAhead) {
    warnings.add(
      'sentAt',
      'sent_at_in_future',
      `is more than ${sentAtAheadToleranceMs / 60_000} minutes after the push was received (a wrong DMS clock?); the receive time orders this version instead`,
    );
  }
  const base = { dmsNumber: push.appointment.dmsNumber, sentAt, messageId: push.messageId ?? null };

  if (push.event === 'appointment.cancel') {
    return { ...base, event: push.event, woNumber: push.appointment.woNumber ?? null, warnings: warnings.items };
  }
  const { appointmentDate } = push.appointment;
  if (appointmentDate === undefined || push.car === undefined) {
    throw new Error('an upsert without appointment date or car reached mapping; validation should have refused it');
  }
  const appointment = mapAppointment(push.appointment, appointmentDate, warnings);
  const car = mapCar(push.car, warnings);
  const parties = mapParties(push.parties, car, warnings);
  return {
    ...base,
    event: push.event,
    appointment: { ...appointment, warnings: warnings.codes() },
    car,
    parties,
    warnings: warnings.items,
  };
}

/** Collects warnings while mapping; messages never repeat the value, which may be personal data. */
export class WarningList {
  readonly items: PushWarning[] = [];

  add(path: string, code: string, message: string): void {
    this.items.push({ path, code, message });
  }

  codes(): string[] {
    return [...new Set(this.items.map((warning) => warning.code))];
  }
}
