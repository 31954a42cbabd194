import type { PushIssue } from '../issues.js';
import { normaliseRegistration } from '../normalise/registration.js';
import { normaliseVin } from '../normalise/vin.js';
import { toPushIssues } from './plain-issues.js';
import { CarsysPush } from './push-schema.js';

export type PushValidation = { ok: true; push: CarsysPush } | { ok: false; issues: PushIssue[] };

/** A car must be identifiable (rule 2): a valid VIN, or failing that a registration in a Dutch sidecode. */
function carIdentityIssues(push: CarsysPush): PushIssue[] {
  const car = push.car;
  if (push.event !== 'appointment.upsert' || car === undefined) return [];
  const vinValid = car.vin !== undefined && normaliseVin(car.vin) !== undefined;
  const registrationValid =
    car.registrationNumber !== undefined && normaliseRegistration(car.registrationNumber) !== undefined;
  if (vinValid || registrationValid) return [];
  return [
    {
      path: 'car',
      code: 'car_unidentified',
      message:
        'cannot be identified: it needs a valid VIN (17 characters, no I, O or Q) or a Dutch registration number',
    },
  ];
}

/** Checks a raw push body against contract v1 and lists every bad field by path; never throws. */
export function validatePushBody(rawBody: string): PushValidation {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, issues: [{ path: '(body)', code: 'invalid_json', message: 'is not valid JSON' }] };
  }
  const parsed = CarsysPush.safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: toPushIssues(parsed.error.issues) };
  const identityIssues = carIdentityIssues(parsed.data);
  if (identityIssues.length > 0) return { ok: false, issues: identityIssues };
  return { ok: true, push: parsed.data };
}
