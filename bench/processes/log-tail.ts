import { readFileSync } from 'node:fs';

/** The last lines of a child's log, to explain why it failed. */
export function logTailOf(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
