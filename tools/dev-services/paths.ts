import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceName } from './pinned-versions.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where the built service binaries live: a cache outside the repo, so they survive fresh clones. */
export function toolsDir(): string {
  const explicit = process.env.CLAIRE_TOOLS_DIR;
  if (explicit) return resolve(explicit);
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return resolve(cache, 'claire-carsys', 'bin');
}

/** Where the local services keep their data, logs and pid files (`.data/` is git-ignored). */
export function dataDir(): string {
  const explicit = process.env.CLAIRE_DATA_DIR;
  return explicit ? resolve(explicit) : join(repoRoot, '.data');
}

export function binaryPath(name: ServiceName): string {
  return join(toolsDir(), name);
}

export type ServiceFiles = Readonly<{ log: string; pid: string; data: string }>;

export function serviceFiles(name: ServiceName): ServiceFiles {
  const root = dataDir();
  return {
    log: join(root, 'logs', `${name}.log`),
    pid: join(root, 'run', `${name}.pid`),
    data: join(root, name),
  };
}
