import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { ServiceName } from './pinned-versions.js';
import type { Progress } from './progress.js';

export async function writePidFile(file: string, pid: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${pid}\n`);
}

export async function removePidFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** The pid in the file when that process is alive and is the service; a stale file is removed. */
export async function livePid(name: ServiceName, file: string, progress: Progress): Promise<number | undefined> {
  const pid = await readPid(file);
  if (pid === undefined) return undefined;
  if (await isServiceProcess(pid, name)) return pid;
  await removePidFile(file);
  progress(`Removed stale pid file ${file} (pid ${pid} is not a running ${name})`);
  return undefined;
}

/**
 * True when the process is alive and, where /proc exists, runs the service's binary: after a reboot the pid may belong
 * to another program, and an exited child waiting to be reaped has an empty command line.
 */
export async function isServiceProcess(pid: number, name: ServiceName): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    const argv0 = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0')[0] ?? '';
    return basename(argv0) === name;
  } catch {
    return false;
  }
}

async function readPid(file: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(text.trim());
  if (Number.isInteger(pid) && pid > 0) return pid;
  await removePidFile(file);
  return undefined;
}
