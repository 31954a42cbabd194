import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

/** One look at the processes and the services' files, every few seconds of the soak. */
export type Sample = Readonly<{
  at: number;
  /** Resident memory in MB by process name; 0 when the process was gone. */
  rssMb: Readonly<Record<string, number>>;
  /** Bytes on disk of each service's data folder. */
  fileBytes: Readonly<Record<string, number>>;
  /** The machine's 1-minute load average: how much else ran beside the soak. */
  load: number;
}>;

export function rssMbOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line?.[1] === undefined ? 0 : Number(line[1]) / 1024;
  } catch {
    return 0;
  }
}

/** The size of every file under `dir`, added up (SQLite's -wal and -shm files included). */
export function bytesUnder(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytesUnder(path);
    else if (entry.isFile()) total += statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  }
  return total;
}

/** Samples every `everyMs` until stopped. */
export function startSampling(
  pids: Readonly<Record<string, () => number | undefined>>,
  dirs: Readonly<Record<string, string>>,
  everyMs: number,
) {
  const samples: Sample[] = [];
  const sample = () =>
    samples.push({
      at: Date.now(),
      rssMb: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMbOf(pid())])),
      fileBytes: Object.fromEntries(Object.entries(dirs).map(([name, dir]) => [name, bytesUnder(dir)])),
      load: loadavg()[0] ?? 0,
    });
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    samples,
    stop(): Sample[] {
      clearInterval(timer);
      sample();
      return samples;
    },
  };
}
