import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevServicesError } from './dev-services-error.js';
import { applySourcePatches, ferretdbSourcePatches } from './ferretdb-source-patches.js';
import { binaryPath } from './paths.js';
import { pinnedTools } from './pinned-versions.js';
import type { Progress } from './progress.js';
import { goOutput, runGo } from './run-go.js';

const tool = pinnedTools.ferretdb;

/**
 * Builds FerretDB from its module source. A plain `go install …/cmd/ferretdb@v1.24.2` succeeds but the binary panics
 * at start: FerretDB embeds its version from `build/version/version.txt`, which release builds generate and the module
 * zip lacks. So: download the module, copy it to a scratch folder, write that file, apply our source patches
 * (`ferretdb-source-patches.ts`), and `go build` there.
 */
export async function buildFerretdb(progress: Progress): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'claire-ferretdb-build-'));
  try {
    const moduleDir = await downloadModule(scratch);
    const source = join(scratch, 'src');
    await copyTree(moduleDir, source);
    await writeFile(join(source, 'build', 'version', 'version.txt'), `${tool.version}\n`);
    await applySourcePatches(source, ferretdbSourcePatches);
    await runGo({
      args: [
        'build',
        '-v',
        '-trimpath',
        '-buildvcs=false',
        '-ldflags=-s -w',
        '-o',
        binaryPath(tool.name),
        './cmd/ferretdb',
      ],
      cwd: source,
      env: { GOWORK: 'off', GOFLAGS: '-mod=readonly' },
      what: `building ${tool.title} ${tool.version}`,
      progress,
    });
    return binaryPath(tool.name);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function downloadModule(cwd: string): Promise<string> {
  const json = await goOutput(['mod', 'download', '-json', `${tool.module}@${tool.version}`], cwd);
  const { Dir, Error: error } = JSON.parse(json) as { Dir?: string; Error?: string };
  if (error || !Dir) throw new DevServicesError(`Could not download ${tool.module}@${tool.version}: ${error ?? json}`);
  return Dir;
}

/** Copies a read-only module cache folder into writable folders (files keep their read-only mode). */
async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isDirectory()) await copyTree(join(from, entry.name), join(to, entry.name));
    else if (entry.isFile()) await copyFile(join(from, entry.name), join(to, entry.name));
  }
}
