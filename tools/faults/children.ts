import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stopChildProcess } from '../stop-child-process.js';
import { faultDataDir, repoRoot } from './fault-setup.js';

export type Child = Readonly<{ name: string; process: ChildProcess; exited: Promise<number | string> }>;

/** The worker and receiver processes of the run, started as an operator would: `node --import tsx src/main/...`. */
export function createChildren(env: Record<string, string>, logDir = join(faultDataDir, 'logs')) {
  const running = new Set<Child>();

  function start(name: string, entry: string): Child {
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    const exited = new Promise<number | string>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code ?? 'gone')),
    );
    const handle = { name, process: child, exited };
    running.add(handle);
    void exited.then(() => running.delete(handle));
    return handle;
  }

  function logLines(needles: readonly string[]): string[] {
    return readdirSync(logDir)
      .filter((file) => file.startsWith('worker') || file.startsWith('receiver'))
      .flatMap((file) => readFileSync(join(logDir, file), 'utf8').split('\n'))
      .filter((line) => needles.every((needle) => line.includes(needle)));
  }

  return {
    startWorker: (name: string) => start(name, 'src/main/worker.ts'),

    /** Starts the receiver and waits until it answers `/healthz`. */
    async startReceiver(url: string): Promise<Child> {
      const child = start('receiver', 'src/main/receiver.ts');
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const answered = await fetch(`${url}/healthz`).then(
          (response) => response.ok,
          () => false,
        );
        if (answered) return child;
        if (child.process.exitCode !== null) throw new Error(`the receiver exited; see ${logDir}/receiver.log`);
        await sleep(250);
      }
      throw new Error(`the receiver did not answer within 60 s; see ${logDir}/receiver.log`);
    },

    /** The fault itself: SIGKILL, no chance to finish anything. */
    async kill(child: Child): Promise<void> {
      child.process.kill('SIGKILL');
      await child.exited;
    },

    /** Stops every process still running: SIGTERM, then SIGKILL after 10 s. */
    async stopAll(): Promise<void> {
      await Promise.all([...running].map((child) => stopChildProcess(child.process, child.exited, 10_000)));
    },

    running: () => [...running].map((child) => child.name),

    /** How many lines of the worker and receiver logs contain every one of `needles`. */
    logLinesWith(...needles: string[]): number {
      return logLines(needles).length;
    },

    /** The lines of the worker and receiver logs that contain every one of `needles`, to quote what they said. */
    logLines: (...needles: string[]) => logLines(needles),

    /** How often the processes' logs mention `text`, for what the numbers alone do not show. */
    logMentions(text: string): number {
      return readdirSync(logDir)
        .filter((file) => file.startsWith('worker') || file.startsWith('receiver'))
        .reduce((sum, file) => sum + readFileSync(join(logDir, file), 'utf8').split(text).length - 1, 0);
    },
  };
}
export type Children = ReturnType<typeof createChildren>;
