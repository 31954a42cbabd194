import { ConfigError } from '../config.js';

/** What a start-up error is about, in words that name what to fix. */
type Known = Readonly<{
  matches: (error: Error & { code?: unknown }) => boolean;
  says: (error: Error & { code?: unknown }, env: NodeJS.ProcessEnv) => string;
}>;

/** A MongoDB URL without its password: the line goes to a console and logs. */
function withoutPassword(url: string | undefined): string {
  if (url === undefined) return 'mongodb://127.0.0.1:27017/ (the default)';
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(MONGODB_URL does not parse as a URL)';
  }
}

const known: readonly Known[] = [
  {
    matches: (error) => error instanceof ConfigError,
    says: (error) => error.message.replace(/:\n\s*/, ': ').replace(/\n\s*/g, '; '),
  },
  {
    matches: (error) => error.code === 'EADDRINUSE',
    says: (_error, env) =>
      `port ${env['RECEIVER_PORT'] ?? '3000'} is already in use: stop what listens there or set RECEIVER_PORT`,
  },
  {
    matches: (error) => error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL',
    says: (error, env) =>
      `cannot listen on ${env['RECEIVER_HOST'] ?? '127.0.0.1'}:${env['RECEIVER_PORT'] ?? '3000'} (${String(error.code)}): check RECEIVER_HOST and RECEIVER_PORT`,
  },
  {
    matches: (error) => error.name.startsWith('Mongo'),
    says: (error, env) =>
      `the database at ${withoutPassword(env['MONGODB_URL'])} does not answer (${firstLine(error.message)}): start it or fix MONGODB_URL`,
  },
  {
    // The worker connects eagerly; its error names the transport, not the variable.
    matches: (error) => error.name === 'TransportError' || /connect|tcp|dns|transport/i.test(error.message),
    says: (error, env) =>
      `Temporal at ${env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233 (the default)'} does not answer (${firstLine(error.message)}): start it or fix TEMPORAL_ADDRESS`,
  },
];

/** The operating system's words when a native error wraps them (`Os { ..., message: "Connection refused" }`). */
function firstLine(text: string): string {
  const osMessage = /message: "([^"]{1,100})"/.exec(text)?.[1];
  if (osMessage !== undefined) return osMessage;
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}

/**
 * One plain line saying why a process could not start and what to fix. A stack trace helps nobody who deploys or
 * runs it; the cause is always either the configuration or a service that does not answer.
 */
export function startFailureLine(processName: string, error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const failure = error instanceof Error ? error : new Error(String(error));
  const reason = known.find((entry) => entry.matches(failure))?.says(failure, env) ?? firstLine(failure.message);
  return `${processName} cannot start: ${reason}`;
}

/** Runs an entry point's start-up; when it fails, prints the one line and exits with status 1. */
export async function startOrExplain<T>(processName: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    process.stderr.write(`${startFailureLine(processName, error)}\n`);
    process.exit(1);
  }
}
