import type { ImportStatus } from './import-status.js';

/** What each import status means, in the words support uses with a garage. */
const statusWords: Readonly<Record<ImportStatus, string>> = {
  accepted: 'Received and being imported.',
  imported: 'Imported: the appointment, car and customers are in Claire.',
  skipped_duplicate: 'Not imported again: this exact push had already been handled.',
  skipped_stale: 'Not imported: Claire already has a newer version of this appointment from Carsys.',
  skipped_work_started: 'Not imported: work on this appointment has started in Claire, so Carsys updates are ignored.',
  failed: 'Failed: the push has fields Claire cannot read; see the issues below. Fix the cause, then retry.',
};

/** The issue code of an import that stopped in a step for a reason nobody planned (the workflow records it). */
const importStoppedCode = 'import_stopped';

/** The issue code of an import whose workflow ended without recording how (terminated, or its history gone). */
export const importInterruptedCode = 'import_interrupted';

const interruptedWords =
  'Failed: the import was interrupted before it finished (its workflow was ended from outside, or Temporal no longer has it); see the issue below. Retry it.';

const stoppedWords =
  'Failed: the import stopped in one of its steps for a reason nobody planned (see the issue below). Once the cause is fixed, retry it.';

/** The words for one import: a failure nobody planned reads differently from a push with unreadable fields. */
export function statusInWords(
  record: Readonly<{ status: ImportStatus; issues?: readonly { code: string }[] }>,
): string {
  if (record.status === 'failed' && record.issues?.some((issue) => issue.code === importStoppedCode) === true) {
    return stoppedWords;
  }
  if (record.status === 'failed' && record.issues?.some((issue) => issue.code === importInterruptedCode) === true) {
    return interruptedWords;
  }
  return statusWords[record.status];
}
