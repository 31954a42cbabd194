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
