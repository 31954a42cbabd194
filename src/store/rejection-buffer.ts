import type { RejectionDocument, RejectionLog } from './rejections.js';

export type RejectionBufferOptions = Readonly<{
  /** Most refusals held while the database is away; more are dropped and counted. */
  capacity: number;
  /** Most written in one round trip. */
  batchSize: number;
  /** Wait before the next write after a failed one. */
  retryAfterMs: number;
  /** Told each time a refusal is dropped because the buffer is full. */
  onDropped?: () => void;
  /** Told when a write fails (the refusals stay buffered and are written later). */
  onWriteFailed?: (error: unknown) => void;
}>;

/**
 * The rejection log without waiting for the database: a refusal is answered at once and written afterwards, in
 * batches, one write at a time. While the database is down or hung, refusals wait in memory up to `capacity` (the
 * oldest are kept, so support still sees when a garage's pushes started failing); beyond that they are dropped and
 * counted. A single write in flight means a hung database holds one request, never a pile of them.
 */
export function rejectionBuffer(log: Pick<RejectionLog, 'recordMany'>, options: RejectionBufferOptions) {
  const pending: RejectionDocument[] = [];
  let writing: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let dropped = 0;

  async function writeAll(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.slice(0, options.batchSize);
      try {
        await log.recordMany(batch);
      } catch (error) {
        options.onWriteFailed?.(error);
        retryTimer = setTimeout(() => {
          retryTimer = null;
          flushSoon();
        }, options.retryAfterMs);
        // A pending retry must not keep a process alive that is otherwise done.
        retryTimer.unref();
        return;
      }
      pending.splice(0, batch.length);
    }
  }

  function flushSoon(): void {
    if (writing !== null || retryTimer !== null || pending.length === 0) return;
    writing = writeAll().finally(() => {
      writing = null;
    });
  }

  return {
    /** Queues a refusal for the log; never waits, never throws. */
    record(rejection: RejectionDocument): void {
      if (pending.length >= options.capacity) {
        dropped++;
        options.onDropped?.();
        return;
      }
      pending.push(rejection);
      flushSoon();
    },
    /** Refusals not yet written, and those dropped since the start. */
    stats: () => ({ pending: pending.length, dropped }),
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
