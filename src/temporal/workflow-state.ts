import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';

// A closed workflow runs no more code, so nothing will record its import's outcome. Anything else (running, paused,
// a status this SDK does not know) may still finish on its own.
const closedStatuses = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT']);

/** Asks Temporal whether the newest run of a workflow is still running; `NOT_FOUND` when it has no history of it. */
export function workflowStateOf(client: Client) {
  return async (workflowId: string): Promise<{ running: boolean; status: string }> => {
    try {
      const { status } = await client.workflow.getHandle(workflowId).describe();
      return { running: !closedStatuses.has(status.name), status: status.name };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return { running: false, status: 'NOT_FOUND' };
      throw error;
    }
  };
}
