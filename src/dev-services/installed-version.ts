import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
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
