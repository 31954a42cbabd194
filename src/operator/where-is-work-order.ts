import type { AppointmentDocument } from '../store/documents.js';
import type { StoredAppointment, WorkOrderEvidenceStore } from '../store/work-order-evidence.js';
import type { WorkflowProgress } from '../temporal/import-progress.js';
import type { RunningImport } from '../temporal/running-imports.js';
import { dryRunPush, type RetryPrediction } from './dry-run-push.js';
import {
  diagnoseWorkOrder,
  type AppointmentEvidence,
  type AppointmentFacts,
  type WorkOrderAnswer,
} from './work-order-diagnosis.js';

export type WorkOrderQuestion = Readonly<{ garageId: string; number: string; from?: Date; to?: Date }>;

/** How far back refusals are counted when the question names no period. */
export const defaultPeriodDays = 7;

function appointmentFacts(doc: AppointmentDocument | null): AppointmentFacts | null {
  if (doc === null) return null;
  return {
    appointmentAt: doc.appointmentAt ?? null,
    createdInDmsAt: doc.createdInDmsAt ?? null,
    cancelled: doc.cancelled,
    status: doc.status,
    warnings: doc.warnings,
    writtenBy: { importId: doc.source.importId, sentAt: doc.source.sentAt },
  };
}

/**
 * Answers "garage G says work order X is missing in Claire: why?": reads the store, dry-runs the newest failed
 * push through the current code, asks Temporal what a running import waits on, and lets the pure diagnosis decide.
 */
export function whereIsWorkOrder(deps: {
  store: WorkOrderEvidenceStore;
  progress: (workflowId: string) => Promise<WorkflowProgress>;
  running: (garageId: string, number: string) => Promise<RunningImport[]>;
  keepsImportingAfterWorkStarted: (garageId: string) => boolean;
  now: () => Date;
}) {
  async function evidenceOf(garageId: string, stored: StoredAppointment): Promise<AppointmentEvidence> {
    const retryPredictions: Record<string, RetryPrediction> = {};
    const body = stored.newestFailedBody;
    const failed = body === null ? undefined : stored.imports.find((record) => record._id === body.importId);
    if (body !== null && failed !== undefined) {
      const appointment = stored.appointment;
      retryPredictions[body.importId] = dryRunPush({
        rawBody: body.rawBody,
        importId: body.importId,
        receivedAt: failed.receivedAt,
        appointment:
          appointment === null
            ? null
            : { sentAt: appointment.source.sentAt, importId: appointment.source.importId, status: appointment.status },
        keepImportingAfterWorkStarted: deps.keepsImportingAfterWorkStarted(garageId),
      });
    }
    const running = stored.imports.filter((record) => record.status === 'accepted');
    const progress: Record<string, WorkflowProgress> = Object.fromEntries(
      await Promise.all(
        running.map(async (record) => {
          const workflowId = record.attempts[record.attempts.length - 1]?.workflowId ?? record.workflowId;
          return [record._id, await deps.progress(workflowId)] as const;
        }),
      ),
    );
    return {
      dmsNumber: stored.dmsNumber,
      imports: stored.imports,
      appointment: appointmentFacts(stored.appointment),
      writer: stored.writer,
      retryPredictions,
      progress,
    };
  }

  return async (question: WorkOrderQuestion): Promise<WorkOrderAnswer> => {
    const to = question.to ?? deps.now();
    const from = question.from ?? new Date(to.getTime() - defaultPeriodDays * 24 * 60 * 60 * 1000);
    const period = { from, to };
    const [stored, running] = await Promise.all([
      deps.store.find({ garageId: question.garageId, number: question.number, period }),
      deps.running(question.garageId, question.number),
    ]);
    const appointments = await Promise.all(
      stored.appointments.map((appointment) => evidenceOf(question.garageId, appointment)),
    );
    const recorded = new Set(
      stored.appointments.flatMap((appointment) =>
        appointment.imports.flatMap((record) => [record.workflowId, ...record.attempts.map((a) => a.workflowId)]),
      ),
    );
    const unrecorded = await Promise.all(
      running
        .filter((execution) => !recorded.has(execution.workflowId))
        .map(async (execution) => ({ ...execution, progress: await deps.progress(execution.workflowId) })),
    );
    return diagnoseWorkOrder({
      garageId: question.garageId,
      number: question.number,
      period,
      lastPushAt: stored.lastPushAt,
      refusals: stored.refusals,
      appointments,
      unrecorded,
      otherGarages: stored.otherGarages,
    });
  };
}
export type WhereIsWorkOrder = ReturnType<typeof whereIsWorkOrder>;
