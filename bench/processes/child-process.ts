import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { stopChildProcess } from '../../tools/stop-child-process.js';
import { benchSettings } from '../settings.js';
import { logTail } from '../../tools/dev-services/log-tail.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A Node process the bench started; its pid is the Node process itself, so its RSS is what we measure. */
export type BenchChild = Readonly<{
  name: string;
  pid: number;
  logFile: string;
  /** From spawn until it reported ready, ms. */
  readyAfterMs: number;
  stop: () => Promise<void>;
}>;

export type ReadySignal = { kind: 'ipc' } | { kind: 'http'; url: string };

const readyTimeoutMs = 60_000;
const live = new Set<ChildProcess>();

/** Kills whatever children are still running: the bench's last resort when a phase failed. */
export function killLiveChildren(): void {
  for (const child of live) child.kill('SIGKILL');
}

/**
 * V8's CPU profiler for the children whose name starts with one of `BENCH_PROFILE`'s prefixes (`receiver`, `worker`,
 * `floor`): a `.cpuprofile` per process in `profiles/` beside the logs, written when it exits after its drain.
 */
function profileArgs(name: string, logDir: string): string[] {
  if (!benchSettings.profile.some((prefix) => name.startsWith(prefix))) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${join(logDir, '..', 'profiles')}`, `--cpu-prof-name=${name}.cpuprofile`];
}

/** Runs a TypeScript entry point (`node --import tsx`) with the given environment; output goes to a log file. */
export async function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  ready: ReadySignal,
): Promise<BenchChild> {
  const logDir = join(benchSettings.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = openSync(logFile, 'w');
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [...profileArgs(name, logDir), '--import', 'tsx', join(repoRoot, script)], {
    cwd: repoRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', log, log, 'ipc'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} did not start`);
  live.add(child);
  const exited = once(child, 'exit');
  void exited.then(() => live.delete(child));
  try {
    await Promise.race([
      waitReady(child, ready),
      exited.then(([code]) => {
        throw new Error(`${name} exited (code ${String(code)}) while starting`);
      }),
      sleep(readyTimeoutMs).then(() => {
        throw new Error(`${name} was not ready within ${readyTimeoutMs / 1000} s`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}; last lines of ${logFile}:\n${await logTail(logFile)}`, {
      cause: error,
    });
  }
  return {
    name,
    pid,
    logFile,
    readyAfterMs: Date.now() - spawnedAt,
    stop: () => stopChildProcess(child, exited, 20_000),
  };
}

async function waitReady(child: ChildProcess, ready: ReadySignal): Promise<void> {
  if (ready.kind === 'ipc') {
    await once(child, 'message');
    return;
  }
  for (;;) {
    const answered = await fetch(ready.url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    await sleep(200);
  }
}
