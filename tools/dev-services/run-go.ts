import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { DevServicesError } from './dev-services-error.js';
import { formatDuration, type Progress } from './progress.js';

export type GoRun = Readonly<{
  args: readonly string[];
  cwd: string;
  env?: Readonly<Record<string, string>>;
  /** What the run does, in words, for the progress lines ("building FerretDB v1.24.2"). */
  what: string;
  progress: Progress;
}>;

const TICK_MS = 15_000;
const TAIL_LINES = 25;
// `go build -v` / `go install -v` print each package they compile as a bare import path.
const compiledPackageLine = /^[\w.~-]+(\/[\w.~+-]+)*$/;

/**
 * Runs the Go toolchain with its output captured: every 15 s a line with the elapsed time and the number of modules
 * downloaded and packages compiled so far; on failure an error carrying go's last lines.
 */
export async function runGo({ args, cwd, env, what, progress }: GoRun): Promise<void> {
  const started = Date.now();
  let downloaded = 0;
  let compiled = 0;
  const tail: string[] = [];
  const onLine = (line: string): void => {
    if (line.startsWith('go: downloading ')) downloaded += 1;
    else if (compiledPackageLine.test(line)) compiled += 1;
    else if (line.trim() !== '') {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    }
  };

  const child = spawn('go', args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const ticker = setInterval(() => {
    const elapsed = formatDuration(Date.now() - started);
    progress(`  ... ${what}: ${elapsed} so far, ${downloaded} modules downloaded, ${compiled} packages compiled`);
  }, TICK_MS);

  try {
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    }).catch((error: unknown) => {
      throw goUnavailable(error);
    });
    if (exit.code !== 0) {
      const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
      const lastLines = tail.length > 0 ? tail.map((line) => `    ${line}`).join('\n') : '    (no output)';
      throw new DevServicesError(
        `${what} failed: \`go ${args.join(' ')}\` ${how} after ${formatDuration(Date.now() - started)}.\n` +
          `  Last output from go:\n${lastLines}`,
      );
    }
  } finally {
    clearInterval(ticker);
  }
}

/** Runs a quick go command and returns its stdout. */
export async function goOutput(args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('go', args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    if (isMissingExecutable(error)) throw goUnavailable(error);
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new DevServicesError(`\`go ${args.join(' ')}\` failed: ${stderr || String(error)}`);
  }
}

function goUnavailable(error: unknown): Error {
  if (!isMissingExecutable(error)) return error instanceof Error ? error : new Error(String(error));
  return new DevServicesError(
    'The Go toolchain (`go`) is not on PATH. It builds the local Temporal and FerretDB servers: ' +
      'install Go 1.24 or newer (https://go.dev/dl/) and run this again.',
  );
}

function isMissingExecutable(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
