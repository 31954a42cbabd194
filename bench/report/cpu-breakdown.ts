import type { CpuUse } from '../processes/cpu-meter.js';

/** CPU time per imported push (or per floor workflow), by process, and how busy everyone else kept the machine. */
export type CpuRow = Readonly<{
  phase: string;
  items: number;
  msPerItem: Readonly<{
    temporal: number;
    ferretdb: number;
    receiver: number;
    workers: number;
    bench: number;
    total: number;
  }>;
  /** Share of the machine's capacity (all cores) used by processes outside the bench during the phase. */
  othersShare: number;
}>;

const round1 = (value: number): number => Math.round(value * 10) / 10;

export function cpuRow(phase: string, items: number, cpu: CpuUse, cores: number): CpuRow {
  const ms = (name: string): number => cpu.byProcessMs[name] ?? 0;
  const workers = Object.entries(cpu.byProcessMs)
    .filter(([name]) => name.startsWith('worker'))
    .reduce((sum, [, value]) => sum + value, 0);
  const per = (value: number): number => round1(value / Math.max(1, items));
  const total = Object.values(cpu.byProcessMs).reduce((sum, value) => sum + value, 0);
  return {
    phase,
    items,
    msPerItem: {
      temporal: per(ms('temporal')),
      ferretdb: per(ms('ferretdb')),
      receiver: per(ms('receiver')),
      workers: per(workers),
      bench: per(ms('bench')),
      total: per(total),
    },
    othersShare: Math.round((cpu.othersMs / Math.max(1, cores * cpu.wallMs)) * 100) / 100,
  };
}
