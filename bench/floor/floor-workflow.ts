import { proxyActivities } from '@temporalio/workflow';
import type { FloorActivities } from './floor-activities.js';

// Same timeout and retry shape as the import workflow's activities.
const { doNothing } = proxyActivities<FloorActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** The Temporal floor: one workflow, one no-op activity; what the server allows when our code costs nothing. */
export async function benchFloorWorkflow(): Promise<void> {
  await doNothing();
}
