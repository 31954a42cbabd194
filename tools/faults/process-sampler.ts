import { readdirSync, readFileSync } from 'node:fs';

export type ProcessPeak = Readonly<{ fdsBefore: number; fdsPeak: number; rssMbBefore: number; rssMbPeak: number }>;

function openFds(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
}

function rssMb(pid: number): number {
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line?.[1] === undefined ? 0 : Number(line[1]) / 1024;
  } catch {
    return 0;
  }
}

/**
 * Samples open file descriptors (sockets included) and RSS of named processes once a second, to show whether
 * requests or connections pile up while a dependency hangs. A pid that changes (a restarted process) is followed.
 */
export function sampleProcesses(pids: Readonly<Record<string, () => number | undefined>>) {
  const peaks = new Map<string, { fdsBefore: number; fdsPeak: number; rssMbBefore: number; rssMbPeak: number }>();
  const sample = () => {
    for (const [name, pidOf] of Object.entries(pids)) {
      const pid = pidOf();
      if (pid === undefined) continue;
      const fds = openFds(pid);
      const rss = rssMb(pid);
      const peak = peaks.get(name);
      if (peak === undefined) peaks.set(name, { fdsBefore: fds, fdsPeak: fds, rssMbBefore: rss, rssMbPeak: rss });
      else {
        peak.fdsPeak = Math.max(peak.fdsPeak, fds);
        peak.rssMbPeak = Math.max(peak.rssMbPeak, rss);
      }
    }
  };
  sample();
  const timer = setInterval(sample, 1_000);
  return {
    /** Stops sampling; one line per process, for the report. */
    stop(): string[] {
      clearInterval(timer);
      sample();
      return [...peaks].map(
        ([name, peak]) =>
          `${name}: open file descriptors ${peak.fdsBefore} before, at most ${peak.fdsPeak} during; RSS ` +
          `${peak.rssMbBefore.toFixed(0)} MB before, at most ${peak.rssMbPeak.toFixed(0)} MB`,
      );
    },
  };
}
