import type { ImportStatus, PushIssue } from '../domain/import-status.js';
import { dayAndMonthSwapped } from '../domain/swapped-date.js';
import type { ImportSummary } from '../store/import-queries.js';
import type { WorkflowProgress } from '../temporal/import-progress.js';
import type { RunningImport } from '../temporal/running-imports.js';
import type { RetryPrediction } from './dry-run-push.js';

/** The appointment as Claire holds it now: what decides where (and whether) the garage sees it. */
export type AppointmentFacts = Readonly<{
  appointmentAt: Date | null;
  createdInDmsAt: Date | null;
  cancelled: boolean;
  status: string;
  warnings: readonly string[];
  writtenBy: Readonly<{ importId: string; sentAt: Date }>;
}>;

/** Everything known about one appointment the searched number leads to. */
export type AppointmentEvidence = Readonly<{
  dmsNumber: string;
  /** Every push for this appointment from this garage, in any order. */
  imports: readonly ImportSummary[];
  appointment: AppointmentFacts | null;
  /** The import that last wrote the appointment, when it is not among `imports` (or is). */
  writer: ImportSummary | null;
  /** Dry runs of stored pushes through the current code, by import id (the newest failed import at least). */
  retryPredictions: Readonly<Record<string, RetryPrediction>>;
  /** What Temporal says about imports still running, by import id. */
  progress: Readonly<Record<string, WorkflowProgress>>;
}>;

/** A push whose workflow runs in Temporal but that the import log does not hold yet. */
export type UnrecordedImport = RunningImport & Readonly<{ progress: WorkflowProgress | null }>;

/** Requests refused for one reason, as the rejection log counts them. */
export type RefusalFacts = Readonly<{ code: string; status: number; count: number; lastAt: Date }>;

/** What the store (and Temporal) could tell about "garage G says work order X is missing". */
export type WorkOrderEvidence = Readonly<{
  garageId: string;
  number: string;
  period: Readonly<{ from: Date; to: Date }>;
  /** The newest push of anything from this garage. */
  lastPushAt: Date | null;
  /** Requests refused in the period that claimed to come from this garage. */
  refusals: readonly RefusalFacts[];
  appointments: readonly AppointmentEvidence[];
  /** Running workflows for this number that are not in the import log (its first step has not recorded them). */
  unrecorded: readonly UnrecordedImport[];
  /** Other garages that did push this number: a sign Carsys sends this garage's work under another garage id. */
  otherGarages: readonly string[];
}>;

export const workOrderCases = [
  'never_arrived',
  'still_importing',
  'failed',
  'cancelled',
  'suspicious_date',
  'skipped_stale',
  'skipped_work_started',
  'imported',
] as const;
export type WorkOrderCase = (typeof workOrderCases)[number];

/** One push, as the answer refers to it. */
export type PushRef = Readonly<{
  importId: string;
  status: ImportStatus;
  event: string | null;
  woNumber: string | null;
  sentAt: Date | null;
  receivedAt: Date;
}>;

export type CaseDetails =
  | Readonly<{ case: 'still_importing'; since: Date; progress: WorkflowProgress | null }>
  | Readonly<{
      case: 'failed';
      issues: readonly PushIssue[];
      retry: RetryPrediction | null;
      /** The version Claire shows instead, when an earlier push of this appointment was imported. */
      shownVersion: PushRef | null;
    }>
  | Readonly<{ case: 'cancelled'; cancelledBy: PushRef | null }>
  | Readonly<{
      case: 'suspicious_date';
      appointmentAt: Date | null;
      createdInDmsAt: Date | null;
      swappedAppointmentAt: Date | null;
    }>
  | Readonly<{ case: 'skipped_stale'; newer: PushRef | null }>
  | Readonly<{ case: 'skipped_work_started'; claireStatus: string | null }>
  | Readonly<{ case: 'imported'; appointmentAt: Date | null }>;

export type AppointmentAnswer = CaseDetails &
  Readonly<{
    dmsNumber: string;
    woNumber: string | null;
    inWords: string;
    /** The push the answer is about. */
    decisive: PushRef;
    /** Every push for this appointment, newest received first. */
    pushes: readonly PushRef[];
  }>;

export type RefusalGroup = Readonly<{
  code: string;
  status: number;
  count: number;
  lastAt: Date;
  meaning: string;
}>;

/** The answer to "where is my work order?": which case, in plain words, with its evidence. */
export type WorkOrderAnswer = Readonly<{
  garageId: string;
  number: string;
  period: Readonly<{ from: Date; to: Date }>;
  /** The case of the newest appointment found, or `never_arrived`. */
  case: WorkOrderCase;
  inWords: string;
  lastPushAt: Date | null;
  refused: Readonly<{ total: number; byReason: readonly RefusalGroup[] }>;
  /** One answer per appointment the number leads to, newest push first. */
  appointments: readonly AppointmentAnswer[];
  unrecorded: readonly UnrecordedImport[];
  otherGarages: readonly string[];
}>;

const refusalMeanings: Readonly<Record<string, string>> = {
  invalid_signature: 'bad signature: Carsys signs with a secret Claire does not have for this garage',
  missing_signature: 'no signature: Carsys sent no X-Carsys-Signature header',
  timestamp_out_of_tolerance: 'old or future timestamp: the Carsys server clock is off, or the request was replayed',
  missing_timestamp: 'no timestamp: Carsys sent no usable X-Carsys-Timestamp header',
  unknown_garage: 'unknown garage: Claire has no garage registered under this id',
  body_too_large: 'too large: the push is over the size limit',
  unsupported_media_type: 'wrong content type: not application/json in UTF-8',
  invalid_json: 'not JSON: the body could not be read',
  invalid_encoding: 'not UTF-8: the body could not be read',
  body_incomplete: 'incomplete: the body ended before its announced length',
  not_an_object: 'not a JSON object',
  missing_dms_number: 'no appointment.dmsNumber',
  idempotency_key_mismatch: 'Idempotency-Key differs from the messageId',
  rate_limited: 'too many requests: over the garage rate limit',
};

/** A refusal code in plain words, for anything that lists refused requests by reason. */
export const refusalMeaning = (code: string): string => refusalMeanings[code] ?? code.replace(/_/g, ' ');

// Misconfigurations on the Carsys side, as opposed to one bad push.
const configurationCodes = new Set([
  'invalid_signature',
  'missing_signature',
  'timestamp_out_of_tolerance',
  'missing_timestamp',
  'unknown_garage',
]);

const amsterdam = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** A moment in the words of the answer; the exact instants travel beside the words. */
export function whenInWords(date: Date): string {
  return `${amsterdam.format(date)} (Amsterdam)`;
}

function newestFirst(imports: readonly ImportSummary[]): ImportSummary[] {
  return [...imports].sort(
    (a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0),
  );
}

function pushRef(record: ImportSummary): PushRef {
  return {
    importId: record._id,
    status: record.status,
    event: record.event,
    woNumber: record.woNumber,
    sentAt: record.sentAt,
    receivedAt: record.receivedAt,
  };
}

function groupRefusals(refusals: readonly RefusalFacts[]): RefusalGroup[] {
  const groups = new Map<string, { code: string; status: number; count: number; lastAt: Date }>();
  for (const refusal of refusals) {
    const group = groups.get(refusal.code);
    if (group === undefined) {
      const { code, status, count, lastAt } = refusal;
      groups.set(code, { code, status, count, lastAt });
    } else {
      group.count += refusal.count;
      if (refusal.lastAt > group.lastAt) group.lastAt = refusal.lastAt;
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
    .map((group) => ({ ...group, meaning: refusalMeaning(group.code) }));
}

function lastPushWords(lastPushAt: Date | null, garageId: string): string {
  return lastPushAt === null
    ? `Garage ${garageId} has never pushed anything that Claire accepted.`
    : `The last push of anything from garage ${garageId} arrived ${whenInWords(lastPushAt)}.`;
}

function refusalWords(groups: readonly RefusalGroup[], garageId: string): string {
  if (groups.length === 0) return `No request claiming to be from garage ${garageId} was refused in this period.`;
  const total = groups.reduce((sum, group) => sum + group.count, 0);
  const reasons = groups.map((group) => `${group.count} × ${group.meaning}`).join('; ');
  const misconfigured = groups.some((group) => configurationCodes.has(group.code))
    ? ' That usually means Carsys is misconfigured for this garage (its secret, its clock or its garage id): the work order may be among these.'
    : '';
  return `${total} request(s) claiming to be from garage ${garageId} were refused in this period: ${reasons}.${misconfigured}`;
}

function progressWords(progress: WorkflowProgress | null): string {
  if (progress === null) return 'Temporal was not asked what it waits on.';
  if (!progress.known) return progress.reason;
  if (progress.status !== 'running') {
    return `Its workflow is ${progress.status}, yet the import log still says it is being imported; open it in the Temporal Web UI.`;
  }
  const [step] = progress.pendingSteps;
  if (step !== undefined) {
    const failure =
      step.lastFailure === null
        ? ''
        : ` The last attempt failed with "${step.lastFailure}"; when that names the database or a connection, the database cannot be reached, and the import finishes on its own once it can.`;
    const next = step.nextAttemptAt === null ? '' : ` Next attempt ${whenInWords(step.nextAttemptAt)}.`;
    return `It waits on step ${step.activity}, attempt ${step.attempt}.${failure}${next}`;
  }
  if (progress.waitingForWorkerSince !== null) {
    return `It waits for a worker to run its next step, since ${whenInWords(progress.waitingForWorkerSince)}: check that a worker is running.`;
  }
  return 'It is running and no step is waiting right now; look again in a moment.';
}

function retryWords(retry: RetryPrediction | null): string {
  if (retry === null)
    return 'Whether a retry would succeed could not be worked out: the stored push could not be read.';
  switch (retry.outcome) {
    case 'imported':
      return 'A retry would now succeed: the stored push passes the current validation and mapping.';
    case 'skipped_stale':
      return 'A retry would pass validation now, but be skipped: Claire has a newer version of this appointment.';
    case 'skipped_work_started':
      return 'A retry would pass validation now, but be skipped: work on this appointment has started in Claire.';
    case 'failed':
      return `A retry would fail again: ${retry.issues.length} field(s) still break the current rules. Carsys must send a corrected push.`;
  }
}

function issuesWords(issues: readonly PushIssue[]): string {
  return issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
}

function describeCase(details: CaseDetails, decisive: ImportSummary): string {
  switch (details.case) {
    case 'still_importing':
      return `Still importing since ${whenInWords(details.since)}. ${progressWords(details.progress)}`;
    case 'failed': {
      const shown =
        details.shownVersion === null
          ? ''
          : ` Claire shows the earlier version received ${whenInWords(details.shownVersion.receivedAt)}.`;
      return `Arrived ${whenInWords(decisive.receivedAt)} and failed: ${issuesWords(details.issues)}.${shown} ${retryWords(details.retry)}`;
    }
    case 'cancelled':
      return `Imported, but cancelled in Carsys${details.cancelledBy === null ? '' : ` (the cancel arrived ${whenInWords(details.cancelledBy.receivedAt)})`}: Claire keeps it marked cancelled, so the garage does not see it in its planning.`;
    case 'suspicious_date': {
      const dated = details.appointmentAt === null ? 'an unknown date' : whenInWords(details.appointmentAt);
      const created = details.createdInDmsAt === null ? 'an unknown date' : whenInWords(details.createdInDmsAt);
      const swapped =
        details.swappedAppointmentAt === null
          ? ''
          : ` With day and month swapped it would be ${whenInWords(details.swappedAppointmentAt)}, which is probably what was meant.`;
      return `Imported, but dated ${dated} while it was created ${created}: the garage looks for it on the wrong day.${swapped} Correct the date in Carsys and send it again.`;
    }
    case 'skipped_stale':
      return `Arrived ${whenInWords(decisive.receivedAt)} but skipped: Claire already had a newer version of this appointment${details.newer === null ? '' : ` (sent ${details.newer.sentAt === null ? 'at an unknown time' : whenInWords(details.newer.sentAt)}, import ${details.newer.importId})`}, so this older one was not applied.`;
    case 'skipped_work_started':
      return `Arrived ${whenInWords(decisive.receivedAt)} but skipped: work on this appointment has started in Claire (status ${details.claireStatus ?? 'unknown'}), so Carsys updates are no longer applied.`;
    case 'imported':
      return `Imported ${whenInWords(decisive.finishedAt ?? decisive.receivedAt)}${details.appointmentAt === null ? '' : `, for ${whenInWords(details.appointmentAt)}`}: the garage should find it in Claire on that day.`;
  }
}

function caseOf(evidence: AppointmentEvidence, decisive: ImportSummary, all: readonly ImportSummary[]): CaseDetails {
  const { appointment } = evidence;
  const writer =
    appointment === null
      ? null
      : (all.find((record) => record._id === appointment.writtenBy.importId) ?? evidence.writer ?? null);
  switch (decisive.status) {
    case 'accepted': {
      const lastAttempt = decisive.attempts[decisive.attempts.length - 1];
      return {
        case: 'still_importing',
        since: lastAttempt?.at ?? decisive.receivedAt,
        progress: evidence.progress[decisive._id] ?? null,
      };
    }
    case 'failed':
      return {
        case: 'failed',
        issues: decisive.issues,
        retry: evidence.retryPredictions[decisive._id] ?? null,
        shownVersion: writer === null ? null : pushRef(writer),
      };
    case 'skipped_stale':
      return { case: 'skipped_stale', newer: writer === null ? null : pushRef(writer) };
    case 'skipped_work_started':
      return { case: 'skipped_work_started', claireStatus: appointment?.status ?? null };
    default:
      break;
  }
  if (appointment?.cancelled === true) {
    return { case: 'cancelled', cancelledBy: writer === null ? null : pushRef(writer) };
  }
  if (appointment?.warnings.includes('suspicious_date') === true) {
    return {
      case: 'suspicious_date',
      appointmentAt: appointment.appointmentAt,
      createdInDmsAt: appointment.createdInDmsAt,
      swappedAppointmentAt: appointment.appointmentAt === null ? null : dayAndMonthSwapped(appointment.appointmentAt),
    };
  }
  return { case: 'imported', appointmentAt: appointment?.appointmentAt ?? null };
}

function answerFor(evidence: AppointmentEvidence): AppointmentAnswer | null {
  const sorted = newestFirst(evidence.imports);
  // A push still running decides first; then the newest one that was handled (a resend counted as duplicate says nothing).
  const decisive =
    sorted.find((record) => record.status === 'accepted') ??
    sorted.find((record) => record.status !== 'skipped_duplicate') ??
    sorted[0];
  if (decisive === undefined) return null;
  const details = caseOf(evidence, decisive, sorted);
  return {
    ...details,
    dmsNumber: evidence.dmsNumber,
    woNumber: sorted.find((record) => record.woNumber !== null)?.woNumber ?? null,
    inWords: describeCase(details, decisive),
    decisive: pushRef(decisive),
    pushes: sorted.map(pushRef),
  };
}

/**
 * Says which case "work order X of garage G is missing in Claire" is, with the evidence: never arrived (and what
 * was refused instead, or which other garage sent it), still importing (recorded or not yet), failed (and whether a retry would now succeed), or imported but not where
 * the garage looks (cancelled, a suspicious date, an older version skipped, work started). Pure.
 */
export function diagnoseWorkOrder(evidence: WorkOrderEvidence): WorkOrderAnswer {
  const appointments = evidence.appointments
    .map(answerFor)
    .filter((answer): answer is AppointmentAnswer => answer !== null)
    .sort((a, b) => b.decisive.receivedAt.getTime() - a.decisive.receivedAt.getTime());
  const byReason = groupRefusals(evidence.refusals);
  const refused = { total: byReason.reduce((sum, group) => sum + group.count, 0), byReason };
  const base = {
    garageId: evidence.garageId,
    number: evidence.number,
    period: evidence.period,
    lastPushAt: evidence.lastPushAt,
    refused,
    appointments,
    unrecorded: evidence.unrecorded,
    otherGarages: evidence.otherGarages,
  };
  const [newest, ...others] = appointments;
  const [unrecorded] = evidence.unrecorded;
  if (newest === undefined && unrecorded !== undefined) {
    return {
      ...base,
      case: 'still_importing',
      inWords: `Still importing: Carsys's push arrived ${whenInWords(unrecorded.startedAt)} and its workflow runs, but its first step has not yet recorded it in the import log, which usually means the worker cannot reach the database (or no worker runs). ${progressWords(unrecorded.progress)}`,
    };
  }
  if (newest === undefined) {
    const elsewhere =
      evidence.otherGarages.length === 0
        ? ''
        : ` A push with this number did arrive from garage ${evidence.otherGarages.join(', ')}: Carsys may send this garage's work orders under another garage id.`;
    return {
      ...base,
      case: 'never_arrived',
      inWords: `Never arrived: no push with WO number, registration or DMS number “${evidence.number}” reached Claire from garage ${evidence.garageId}. ${lastPushWords(evidence.lastPushAt, evidence.garageId)} ${refusalWords(byReason, evidence.garageId)}${elsewhere}`,
    };
  }
  const more =
    others.length === 0
      ? ''
      : ` (“${evidence.number}” leads to ${appointments.length} appointments; this is the one with the newest push, the others follow.)`;
  return { ...base, case: newest.case, inWords: `DMS number ${newest.dmsNumber}: ${newest.inWords}${more}` };
}
