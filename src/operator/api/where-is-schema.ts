import { z } from 'zod';
import { importStatuses } from '../../domain/import-status.js';
import { workOrderCases } from '../work-order-diagnosis.js';

const text = z.string().trim().min(1).max(128);

/** The question: one garage, and a WO number, registration or DMS number as support was told it. */
export const WhereIsQuery = z.object({
  garageId: text.describe('the garage that says the work order is missing'),
  number: text.describe('a WO number, registration (as people write it) or DMS number'),
  from: z.coerce.date().optional().describe('count refused requests from (ISO 8601); default 7 days before `to`'),
  to: z.coerce.date().optional().describe('count refused requests until (ISO 8601); default now'),
});

const instant = z.string().describe('ISO 8601');
const Problem = z.object({ path: z.string(), code: z.string(), message: z.string() });

const PushRef = z.object({
  importId: z.string(),
  status: z.enum(importStatuses),
  event: z.string().nullable(),
  woNumber: z.string().nullable(),
  sentAt: instant.nullable(),
  receivedAt: instant,
});

const PendingStep = z.object({
  activity: z.string(),
  state: z.string(),
  attempt: z.number(),
  lastFailure: z.string().nullable(),
  lastStartedAt: instant.nullable(),
  nextAttemptAt: instant.nullable(),
});

const Progress = z.union([
  z.object({
    known: z.literal(true),
    workflowId: z.string(),
    status: z.string().describe('running, completed, failed, terminated...'),
    pendingSteps: z.array(PendingStep),
    waitingForWorkerSince: instant.nullable(),
  }),
  z.object({ known: z.literal(false), workflowId: z.string(), reason: z.string() }),
]);

const RetryPrediction = z
  .object({
    outcome: z.enum(['imported', 'skipped_stale', 'skipped_work_started', 'failed']),
    wouldSucceed: z.boolean(),
    issues: z.array(Problem),
    warnings: z.array(Problem),
  })
  .describe('the stored push dry-run through the current validation and mapping; nothing written');

const common = {
  dmsNumber: z.string(),
  woNumber: z.string().nullable(),
  inWords: z.string(),
  decisive: PushRef.describe('the push the answer is about'),
  pushes: z.array(PushRef).describe('every push for this appointment, newest first'),
};

const AppointmentAnswer = z.discriminatedUnion('case', [
  z.object({ ...common, case: z.literal('still_importing'), since: instant, progress: Progress.nullable() }),
  z.object({
    ...common,
    case: z.literal('failed'),
    issues: z.array(Problem),
    retry: RetryPrediction.nullable(),
    shownVersion: PushRef.nullable().describe('the earlier version Claire shows instead'),
  }),
  z.object({ ...common, case: z.literal('cancelled'), cancelledBy: PushRef.nullable() }),
  z.object({
    ...common,
    case: z.literal('suspicious_date'),
    appointmentAt: instant.nullable(),
    createdInDmsAt: instant.nullable(),
    swappedAppointmentAt: instant.nullable().describe('the appointment date with day and month swapped'),
  }),
  z.object({ ...common, case: z.literal('skipped_stale'), newer: PushRef.nullable() }),
  z.object({ ...common, case: z.literal('skipped_work_started'), claireStatus: z.string().nullable() }),
  z.object({ ...common, case: z.literal('imported'), appointmentAt: instant.nullable() }),
]);

/** The answer to "where is my work order?", as the import API sends it (see work-order-diagnosis.ts). */
export const WhereIsAnswer = z.object({
  garageId: z.string(),
  number: z.string(),
  period: z.object({ from: instant, to: instant }),
  case: z.enum(workOrderCases),
  inWords: z.string(),
  lastPushAt: instant.nullable(),
  refused: z.object({
    total: z.number(),
    byReason: z.array(
      z.object({ code: z.string(), status: z.number(), count: z.number(), lastAt: instant, meaning: z.string() }),
    ),
  }),
  appointments: z.array(AppointmentAnswer),
  unrecorded: z
    .array(
      z.object({
        workflowId: z.string(),
        dmsNumber: z.string().nullable(),
        woNumber: z.string().nullable(),
        startedAt: instant,
        progress: Progress.nullable(),
      }),
    )
    .describe('running workflows for this number that the import log does not hold yet'),
  otherGarages: z.array(z.string()).describe('other garages that pushed this number'),
});
