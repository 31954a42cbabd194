import { startChild, type BenchChild, type ReadySignal } from './child-process.js';
import { sampleMemory, type MemoryPeak } from './memory-sampler.js';

/** A child process with its memory watched from the moment it is ready. */
export type MeasuredChild = Readonly<{ child: BenchChild; memory: () => MemoryPeak; stop: () => Promise<MemoryPeak> }>;

export async function startMeasuredChild(
  name: string,
  script: string,
  env: Record<string, string>,
  ready: ReadySignal,
): Promise<MeasuredChild> {
  const child = await startChild(name, script, env, ready);
  const sampler = sampleMemory(child.pid);
  return {
    child,
    memory: sampler.read,
    stop: async () => {
      const peak = sampler.read();
      sampler.stop();
      await child.stop();
      return peak;
    },
  };
}
