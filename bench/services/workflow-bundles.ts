import { join } from 'node:path';
import { writeWorkflowBundle } from '../../src/temporal/workflow-bundle.js';
import { benchSettings } from '../settings.js';

export type WorkflowBundles = Readonly<{ pipeline: string; floor: string }>;

const floorWorkflowsPath = new URL('../floor/floor-workflow.ts', import.meta.url).pathname;

/** Builds both workflow bundles once, so worker processes start without webpack (faster, and less memory). */
export async function buildWorkflowBundles(): Promise<WorkflowBundles> {
  const dir = join(benchSettings.dataDir, 'bundles');
  const [pipeline, floor] = await Promise.all([
    writeWorkflowBundle(join(dir, 'import-workflows.js')),
    writeWorkflowBundle(join(dir, 'floor-workflows.js'), floorWorkflowsPath),
  ]);
  return { pipeline, floor };
}
