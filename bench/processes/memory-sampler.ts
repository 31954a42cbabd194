import { readFileSync } from 'node:fs';

/** Peak resident memory of a process, from the kernel's own high-water mark. */
export type MemoryPeak = Readonly<{ peakRssMb: number; lastRssMb: number }>;

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

/**
 * Watches one process's `VmHWM` (the kernel's peak RSS) and `VmRSS` while it lives; `read` gives the figures so
 * far, so call it before the process is stopped.
 */
export function sampleMemory(pid: number, everyMs = 500): { read: () => MemoryPeak; stop: () => void } {
  let peakKb = 0;
  let lastKb = 0;
  const sample = (): void => {
    peakKb = Math.max(peakKb, statusKb(pid, 'VmHWM') ?? 0);
    lastKb = statusKb(pid, 'VmRSS') ?? lastKb;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    read: () => {
      sample();
      return { peakRssMb: round(peakKb / 1024), lastRssMb: round(lastKb / 1024) };
    },
    stop: () => clearInterval(timer),
  };
}

const round = (value: number): number => Math.round(value * 10) / 10;
