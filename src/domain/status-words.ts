import type { ImportStatus } from './import-status.js';

/** What each import status means, in the words support uses with a garage. */
export const statusWords: Readonly<Record<ImportStatus, string>> = {
  accepted: 'Received and being imported.',
  imported: 'Imported: the appointment, car and customers are in Claire.',
  skipped_duplicate: 'Not imported again: this exact push had already been handled.',
  skipped_stale: 'Not imported: Claire already has a newer version of this appointment from Carsys.',
  skipped_work_started: 'Not imported: work on this appointment has started in Claire, so Carsys updates are ignored.',
  failed: 'Failed: the push has fields Claire cannot read; see the issues below. Fix the cause, then retry.',
};
