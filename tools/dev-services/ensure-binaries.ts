import { mkdir, rm } from 'node:fs/promises';
import { buildFerretdb } from './build-ferretdb.js';
import { buildTemporal } from './build-temporal.js';
import { DevServicesError } from './dev-services-error.js';
import {
  describeInstalled,
  installedRecipe,
  installedVersion,
  rebuildReason,
  recipePath,
  recordRecipe,
} from './installed-version.js';
import { binaryPath, toolsDir } from './paths.js';
import { pinnedTools, type PinnedTool, type ServiceName } from './pinned-versions.js';
import { formatDuration, terminalProgress, type Progress } from './progress.js';

const builders: Readonly<Record<ServiceName, (progress: Progress) => Promise<string>>> = {
  temporal: buildTemporal,
  ferretdb: buildFerretdb,
};

const howBuilt: Readonly<Record<ServiceName, string>> = {
  temporal: 'go install',
  ferretdb: 'go build from its module source',
};

/**
 * Makes sure the pinned Temporal CLI and FerretDB binaries are in `toolsDir()`, building whichever is missing, of
 * another version or (for FerretDB) built by another recipe. The builds run one after the other: each takes a few GiB
 * of memory.
 */
export async function ensureServiceBinaries(progress: Progress = terminalProgress): Promise<void> {
  await mkdir(toolsDir(), { recursive: true });
  for (const tool of [pinnedTools.temporal, pinnedTools.ferretdb]) {
    await ensureBinary(tool, progress);
  }
}

async function ensureBinary(tool: PinnedTool, progress: Progress): Promise<void> {
  const label = `${tool.title} ${tool.version}`;
  const found = await installedVersion(tool);
  const reason = rebuildReason(tool, found, await installedRecipe(tool));
  if (reason === undefined) {
    progress(`${label}: ${binaryPath(tool.name)}`);
    return;
  }
  if (found.kind !== 'missing') progress(`${tool.title}: ${reason}`);
  progress(
    `Building ${label} with ${howBuilt[tool.name]}: the first build takes several minutes and a few GiB of memory; ` +
      `later runs reuse ${toolsDir()} and take seconds`,
  );
  const started = Date.now();
  // A build that fails half-way must not leave the old record beside a new binary.
  await rm(recipePath(tool), { force: true });
  await builders[tool.name](progress);

  const built = await installedVersion(tool);
  if (built.kind !== 'version' || built.version !== tool.version) {
    throw new DevServicesError(`Built ${label}, but ${binaryPath(tool.name)} ${describeInstalled(built)}`);
  }
  await recordRecipe(tool);
  progress(`Built ${label} in ${formatDuration(Date.now() - started)}: ${binaryPath(tool.name)}`);
  if (found.kind !== 'missing') {
    progress(`  (a ${tool.title} that was already running keeps the old binary until it is stopped and started again)`);
  }
}
