import { addTally, tallyKey, tallyOf, type RefusalTally, type RejectionDocument } from './rejection-tally.js';
import type { RejectionLog } from './rejections.js';

export type RejectionBufferOptions = Readonly<{
  /** Which claimed garage ids are counted under their own id; any other counts as `(unknown)`. */
  isKnownGarage: (garageId: string) => boolean;
  /** Most counts (garage, reason, hour) held while the database is away; refusals of a new one beyond are dropped and counted. */
  capacity: number;
  /** Most counts written in one round of writes. */
  batchSize: number;
  /** Wait before the next write after a failed one. */
  retryAfterMs: number;
  /** Told each time a refusal is dropped because the buffer is full. */
  onDropped?: () => void;
  /** Told when a write fails (the refusals stay buffered and are written later). */
  onWriteFailed?: (error: unknown) => void;
}>;

/**
 * The rejection log without waiting for the database: a refusal is answered at once, added to its garage, reason
 * and hour's count in memory, and the counts are written afterwards, one round of writes at a time. A flood of
 * refusals for one count is one number in memory, so while the database is down or hung only refusals of a new
 * count beyond `capacity` are dropped (and counted). A single round in flight means a hung database holds one, never
 * a pile of them.
 */
export function rejectionBuffer(log: Pick<RejectionLog, 'recordTally'>, options: RejectionBufferOptions) {
  // Insertion order: the oldest counts are written first.
  const pending = new Map<string, RefusalTally>();
  let refusalsPending = 0;
  let writing: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let dropped = 0;

  async function writeAll(): Promise<void> {
    while (pending.size > 0) {
      const batch = [...pending.values()].slice(0, options.batchSize);
      // Taken out before the writes: refusals arriving meanwhile start new counts, added on top later.
      for (const tally of batch) pending.delete(tallyKey(tally));
      const results = await Promise.allSettled(batch.map((tally) => log.recordTally(tally)));
      let failure: { reason: unknown } | null = null;
      for (const [index, result] of results.entries()) {
        const tally = batch[index];
        if (tally === undefined) continue;
        // Each count is one atomic write: only the failed ones go back, merged with whatever came in meanwhile.
        if (result.status === 'fulfilled') refusalsPending -= tally.count;
        else {
          addTally(pending, tally);
          failure ??= { reason: result.reason };
        }
      }
      if (failure === null) continue;
      options.onWriteFailed?.(failure.reason);
      retryTimer = setTimeout(() => {
        retryTimer = null;
        flushSoon();
      }, options.retryAfterMs);
      // A pending retry must not keep a process alive that is otherwise done.
      retryTimer.unref();
      return;
    }
  }

  function flushSoon(): void {
    if (writing !== null || retryTimer !== null || pending.size === 0) return;
    writing = writeAll().finally(() => {
      writing = null;
    });
  }

  return {
    /** Counts a refusal for the log; never waits, never throws. */
    record(rejection: RejectionDocument): void {
      const tally = tallyOf(rejection, options.isKnownGarage);
      if (pending.size >= options.capacity && !pending.has(tallyKey(tally))) {
        dropped++;
        options.onDropped?.();
        return;
      }
      addTally(pending, tally);
      refusalsPending++;
      flushSoon();
    },
    /** Refusals not yet written, and those dropped since the start. */
    stats: () => ({ pending: refusalsPending, dropped }),
    /** Waits for the write in flight, if any (tests and shutdown). */
    async settled(): Promise<void> {
      await writing;
    },
    /** Stops retrying; what is still pending is given up (shutdown). */
    stop(): void {
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
    },
  };
}
export type RejectionBuffer = ReturnType<typeof rejectionBuffer>;
