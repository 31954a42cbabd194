import { open } from 'node:fs/promises';

/** Every start appends a line beginning with this marker to the log (see spawnDetached). */
export const START_MARKER = '--- ';

/**
 * The last lines a service wrote since its latest start, indented, for error messages. Only the end of the file is
 * read, as logs grow across runs.
 */
export async function logTail(file: string, maxLines = 20): Promise<string> {
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 64 * 1024);
      const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
      text = buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return '    (no log yet)';
  }
  const lines = text.trimEnd().split('\n');
  const sinceStart = lines.slice(Math.max(0, lines.findLastIndex((line) => line.startsWith(START_MARKER)) + 1));
  const shown = sinceStart.slice(-maxLines);
  return shown.length > 0 ? shown.map((line) => `    ${line}`).join('\n') : '    (nothing logged since the start)';
}
