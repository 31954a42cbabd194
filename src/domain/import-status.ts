export const importStatuses = [
  'accepted',
  'imported',
  'skipped_duplicate',
  'skipped_stale',
  'skipped_work_started',
  'failed',
] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** The outcome of writing one push's documents: applied, or deliberately left alone. */
export type WriteOutcome = Extract<ImportStatus, 'imported' | 'skipped_stale' | 'skipped_work_started'>;

/** Claire statuses from which DMS updates stop unless the garage opts in (rule 4). */
export const workStartedOrLaterStatuses = [
  'work_started',
  'work_paused',
  'work_finished',
  'ready_for_pickup',
  'delivered',
  'invoiced',
  'closed',
] as const;

/** The status the import gives an appointment it creates; later statuses belong to Claire. */
export const initialAppointmentStatus = 'planned';

/** One problem with one field of a push, in words support can read. */
export type PushIssue = Readonly<{ path: string; code: string; message: string }>;

/** A value that could not be normalised and was kept raw; the import still succeeds. */
export type PushWarning = Readonly<{ path: string; code: string; message: string }>;

/** Renders a path the way people write it: `appointment.interventions[0].title`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return out === '' ? name : `${out}.${name}`;
  }, '');
}
