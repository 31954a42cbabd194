import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { ImportRequest } from '../domain/import-request.js';
import { DmsNumberKey, GarageIdKey, OutcomeKey, WoNumberKey } from './search-attributes.js';

/** Workflow type name the worker registers; kept as a string so the receiver never loads workflow code. */
export const importWorkflowType = 'importCarsysPush';

export type StartImport = Readonly<{
  client: Client;
  taskQueue: string;
  workflowId: string;
  request: ImportRequest;
  /** Gives up after this long, so a hung Temporal yields a 503 rather than a hung request. */
  timeoutMs: number;
}>;

/** A line a human reads in the Web UI's workflow list; ids and numbers only, never personal data. */
function importSummary(request: ImportRequest): string {
  const { envelope } = request;
  const event = envelope.event === 'appointment.cancel' ? 'cancel' : 'upsert';
  const wo = envelope.woNumber === null ? 'no WO yet' : `WO ${envelope.woNumber}`;
  return `Carsys ${event} for garage ${request.garageId}: DMS ${envelope.dmsNumber}, ${wo}`;
}

/**
 * Starts the import workflow once per push: the workflow id names the push, so a second start of the same push
 * is refused by Temporal itself and reported as `already_started`.
 */
export async function startImport(start: StartImport): Promise<{ started: boolean; runId?: string }> {
  const { request } = start;
  const searchAttributes = [
    { key: GarageIdKey, value: request.garageId },
    { key: DmsNumberKey, value: request.envelope.dmsNumber },
    { key: OutcomeKey, value: 'accepted' },
    ...(request.envelope.woNumber === null ? [] : [{ key: WoNumberKey, value: request.envelope.woNumber }]),
  ];
  try {
    const handle = await start.client.connection.withDeadline(Date.now() + start.timeoutMs, () =>
      start.client.workflow.start(importWorkflowType, {
        workflowId: start.workflowId,
        taskQueue: start.taskQueue,
        args: [request],
        typedSearchAttributes: searchAttributes,
        staticSummary: importSummary(request),
        // Matching hands out each garage's tasks in turn, so one garage's resend of thousands of pushes does not queue
        // every other garage behind it. The activities inherit the key from the workflow (docs/scaling.md); garage ids
        // stay within the key's 64 bytes (src/config.ts).
        priority: { fairnessKey: request.garageId },
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowIdConflictPolicy: 'FAIL',
      }),
    );
    return { started: true, runId: handle.firstExecutionRunId };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { started: false };
    throw error;
  }
}
