import { validateAndMapPush, type ImportActivities } from '../../src/activities/import-activities.js';
import { rawBodyText } from '../../src/domain/import-request.js';

/**
 * An older version of validation that did not yet know day-first dates without leading zeros (d-m-yyyy): a worker
 * running it fails such a push, so tests can retry the import after "the fix" (the current code).
 */
export const olderValidation: Partial<ImportActivities> = {
  validateAndMapPush: (input) => {
    const rawBody = rawBodyText(input.rawBodyBase64);
    const date = (JSON.parse(rawBody) as { appointment?: { appointmentDate?: string } }).appointment?.appointmentDate;
    if (date !== undefined && /^\d-\d-\d{4}/.test(date)) {
      return Promise.resolve({
        ok: false as const,
        issues: [
          { path: 'appointment.appointmentDate', code: 'invalid_date', message: 'is not in a date form we know' },
        ],
      });
    }
    return validateAndMapPush(input);
  },
};
