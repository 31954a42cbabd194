import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowsPath } from '../../src/temporal/worker.js';
import { benchSettings } from '../settings.js';

export type WorkflowBundles = Readonly<{ pipeline: string; floor: string }>;

const floorWorkflowsPath = new URL('../floor/floor-workflow.ts', import.meta.url).pathname;
const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} };

async function bundleTo(sourcePath: string, file: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: sourcePath, logger: quiet });
  await writeFile(file, code);
  return file;
}

/** Builds both workflow bundles once, so worker processes start without webpack (faster, and less memory). */
export async function buildWorkflowBundles(): Promise<WorkflowBundles> {
  const dir = join(benchSettings.dataDir, 'bundles');
  await mkdir(dir, { recursive: true });
  const [pipeline, floor] = await Promise.all([
    bundleTo(workflowsPath, join(dir, 'import-workflows.js')),
    bundleTo(floorWorkflowsPath, join(dir, 'floor-workflows.js')),
  ]);
  return { pipeline, floor };
}
