import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait-for.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export type EntryProcess = Readonly<{
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  output: () => { stdout: string; stderr: string };
  /** Resolves once stdout holds the text (a log line the entry point writes when ready). */
  printed: (text: string, timeoutMs?: number) => Promise<void>;
}>;

/**
 * Starts an entry point as its own process, as a deployment does: a `.ts` file from the sources through tsx, a `.js`
 * file with Node alone. The environment is exactly the one given, plus PATH.
 */
export function startEntry(file: string, env: Readonly<Record<string, string>>): EntryProcess {
  const args = file.endsWith('.ts') ? ['--import', 'tsx', file] : [file];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    printed: async (text, timeoutMs = 60_000) => {
      await waitFor(
        `"${text}" from ${file} (stderr so far: ${stderr.slice(-500)})`,
        () =>
          Promise.resolve(
            stdout.includes(text)
              ? true
              : child.exitCode !== null
                ? Promise.reject(new Error(`${file} exited: ${stderr}`))
                : null,
          ),
        timeoutMs,
      );
    },
  };
}

/** Sends SIGTERM and resolves with how the process ended and how long it took; kills it after `timeoutMs`. */
export async function terminateEntry(
  entry: EntryProcess,
  timeoutMs = 60_000,
): Promise<{ exit: number | string; tookMs: number }> {
  const started = Date.now();
  entry.child.kill('SIGTERM');
  const timer = setTimeout(() => entry.child.kill('SIGKILL'), timeoutMs);
  const exit = await entry.exited;
  clearTimeout(timer);
  return { exit, tookMs: Date.now() - started };
}
