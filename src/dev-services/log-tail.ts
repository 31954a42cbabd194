import { open } from 'node:fs/promises';

/** The last lines of a log file, indented, for error messages; the file may be large, so only its end is read. */
export async function logTail(file: string, lines = 20): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 64 * 1024);
      const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
      const text = buffer.toString('utf8').trimEnd().split('\n').slice(-lines);
      return text.map((line) => `    ${line}`).join('\n');
    } finally {
      await handle.close();
    }
  } catch {
    return '    (no log yet)';
  }
}
