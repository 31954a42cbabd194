import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs `task` for `count` items at a fixed rate, evenly spaced (open loop: a slow task does not delay the next one).
 * Each task gets the epoch time it was due, so a latency measured from there cannot hide a stall of the sender.
 */
export async function atRate<R>(
  count: number,
  ratePerSecond: number,
  task: (index: number, dueAt: number) => Promise<R>,
  keepGoing: () => boolean = () => true,
): Promise<R[]> {
  const intervalMs = 1000 / ratePerSecond;
  const clockStart = performance.now();
  const running: Promise<R>[] = [];
  for (let index = 0; index < count && keepGoing(); index++) {
    const due = clockStart + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    running.push(task(index, performance.timeOrigin + due));
  }
  return Promise.all(running);
}
