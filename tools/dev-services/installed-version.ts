import { execFile } from 'node:child_process';
import { access, constants, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { binaryPath } from './paths.js';
import type { PinnedTool } from './pinned-versions.js';

export type InstalledVersion =
  | Readonly<{ kind: 'missing' }>
  | Readonly<{ kind: 'version'; version: string }>
  | Readonly<{ kind: 'broken'; detail: string }>;

/** What `<binary> --version` says about the binary in the tools folder. */
export async function installedVersion(tool: PinnedTool): Promise<InstalledVersion> {
  const binary = binaryPath(tool.name);
  try {
    await access(binary, constants.X_OK);
  } catch {
    return { kind: 'missing' };
  }
  try {
    const { stdout } = await promisify(execFile)(binary, ['--version'], { timeout: 15_000 });
    const version = tool.versionPattern.exec(stdout)?.[1];
    return version ? { kind: 'version', version: `v${version}` } : { kind: 'broken', detail: firstLine(stdout) };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    return { kind: 'broken', detail: firstLine(stderr || String(error)) };
  }
}

/** The file beside a binary that says which build recipe made it (see `PinnedTool.recipe`). */
export function recipePath(tool: PinnedTool): string {
  return `${binaryPath(tool.name)}.recipe`;
}

/** The recipe recorded beside the binary, or undefined when there is no record. */
export async function installedRecipe(tool: PinnedTool): Promise<string | undefined> {
  try {
    return (await readFile(recipePath(tool), 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Records the tool's recipe beside a freshly built binary; for a tool without one, removes any stale record. */
export async function recordRecipe(tool: PinnedTool): Promise<void> {
  if (tool.recipe === undefined) await rm(recipePath(tool), { force: true });
  else await writeFile(recipePath(tool), `${tool.recipe}\n`);
}

/** Why the installed binary must be (re)built, or undefined when it is the pinned version built by the pinned recipe. */
export function rebuildReason(
  tool: PinnedTool,
  found: InstalledVersion,
  recipe: string | undefined,
): string | undefined {
  if (found.kind !== 'version' || found.version !== tool.version) {
    return `${describeInstalled(found)}, want ${tool.version}`;
  }
  if (tool.recipe === undefined || recipe === tool.recipe) return undefined;
  const how = recipe === undefined ? 'with no record of how it was built' : `built as "${recipe}"`;
  return `found ${found.version} ${how}, want it built as "${tool.recipe}"`;
}

export function describeInstalled(found: InstalledVersion): string {
  switch (found.kind) {
    case 'missing':
      return 'not built yet';
    case 'version':
      return `found ${found.version}`;
    case 'broken':
      return `found a binary that does not report its version (${found.detail})`;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.slice(0, 200) ?? '';
}
