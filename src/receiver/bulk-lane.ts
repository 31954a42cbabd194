/** Which task queue an accepted push is imported from: its garage's share of the main queue, or the bulk lane. */
export type Lane = 'main' | 'bulk';

export type BulkLaneOptions = Readonly<{
  /** How many pushes a garage may send at once and stay on the main queue; 0 keeps every push there. */
  burstPushes: number;
  /** How fast that allowance comes back. */
  pushesPerMinute: number;
  now?: () => number;
}>;

type Bucket = { tokens: number; at: number };

/**
 * A token bucket per garage. A garage within its share (a normal day: a push every few seconds at most) imports from
 * the main queue; the pushes of a bulk resend beyond it go to the bulk lane, which the worker serves with slots of its
 * own, so the resend waits behind itself and not the other garages behind it. Never refuses: the rate limit does that.
 * In memory per receiver, like the rate limit; only signed pushes of known garages reach it, so the map stays small.
 */
export function bulkLane(options: BulkLaneOptions): (garageId: string) => Lane {
  const now = options.now ?? Date.now;
  const refillPerMs = options.pushesPerMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  return (garageId) => {
    if (options.burstPushes === 0) return 'main';
    const at = now();
    const bucket = buckets.get(garageId) ?? { tokens: options.burstPushes, at };
    bucket.tokens = Math.min(options.burstPushes, bucket.tokens + (at - bucket.at) * refillPerMs);
    bucket.at = at;
    buckets.set(garageId, bucket);
    if (bucket.tokens < 1) return 'bulk';
    bucket.tokens -= 1;
    return 'main';
  };
}
