import { spawn } from 'node:child_process';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DevServicesError } from './dev-services-error.js';
import { START_MARKER } from './log-tail.js';
import { isServiceProcess } from './pid-file.js';
import type { ServiceName } from './pinned-versions.js';
import type { LaunchCommand } from './service-definition.js';

export type SpawnedService = Readonly<{
  pid: number;
  /** Settles with how the process ended, if it ends while this Node process runs. */
  exited: Promise<string>;
}>;

/** Starts the binary in its own process group, detached from this process, with stdout and stderr appended to the log. */
export async function spawnDetached(
  binary: string,
  command: LaunchCommand,
  logFile: string,
  cwd: string,
): Promise<SpawnedService> {
  await mkdir(dirname(logFile), { recursive: true });
  const log = await open(logFile, 'a');
  try {
    await log.write(`\n${START_MARKER}${new Date().toISOString()} ${binary} ${command.args.join(' ')}\n`);
    const child = spawn(binary, command.args, {
      cwd,
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
      env: { ...process.env, ...command.env },
    });
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with code ${code}`));
      child.once('error', (error) => resolve(`could not be started: ${error.message}`));
    });
    if (child.pid === undefined) throw new DevServicesError(`${binary} ${await exited}`);
    child.unref();
    return { pid: child.pid, exited };
  } finally {
    await log.close();
  }
}

/** SIGTERM, then SIGKILL if the process is still there after the grace period. */
export async function terminate(pid: number, name: ServiceName, graceMs = 20_000): Promise<'terminated' | 'killed'> {
  signal(pid, 'SIGTERM');
  if (await waitForExit(pid, name, graceMs)) return 'terminated';
  signal(pid, 'SIGKILL');
  if (await waitForExit(pid, name, 5_000)) return 'killed';
  throw new DevServicesError(`${name} (pid ${pid}) is still running after SIGKILL`);
}

async function waitForExit(pid: number, name: ServiceName, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isServiceProcess(pid, name))) return true;
    await sleep(200);
  }
  return !(await isServiceProcess(pid, name));
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
