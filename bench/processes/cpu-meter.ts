import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every mainstream kernel). */
const ticksPerSecond = 100;

/** User plus system CPU time of a process so far, ms; undefined once it is gone. */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** Busy CPU time of the whole machine so far (all cores, everything but idle and iowait), ms. */
function machineBusyMs(): number {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks.map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / ticksPerSecond;
}

/** CPU time spent during one phase: by each watched process, by the whole machine, and by everything else. */
export type CpuUse = Readonly<{
  byProcessMs: Record<string, number>;
  machineMs: number;
  othersMs: number;
  wallMs: number;
}>;

/**
 * Starts counting CPU time for the named processes. On a shared machine wall-clock figures move with other people's
 * load; CPU time per import does not, so it shows where the cost is.
 */
export function meterCpu(pids: Readonly<Record<string, number>>): { stop: () => CpuUse } {
  const startedAt = Date.now();
  const machineAtStart = machineBusyMs();
  const atStart = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processCpuMs(pid) ?? 0]));
  return {
    stop: () => {
      const byProcessMs = Object.fromEntries(
        Object.entries(pids).map(([name, pid]) => [
          name,
          Math.round((processCpuMs(pid) ?? atStart[name] ?? 0) - (atStart[name] ?? 0)),
        ]),
      );
      const machineMs = Math.round(machineBusyMs() - machineAtStart);
      const ours = Object.values(byProcessMs).reduce((sum, ms) => sum + ms, 0);
      return { byProcessMs, machineMs, othersMs: Math.max(0, machineMs - ours), wallMs: Date.now() - startedAt };
    },
  };
}
