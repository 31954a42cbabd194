/**
 * How far a push's `sentAt` may lie after its receipt before it is distrusted. A push cannot have been sent after
 * it arrived, so beyond clock drift (the receiver itself allows 5 minutes of signature clock skew) a later `sentAt`
 * is a DMS clock set wrong or a typo, and trusting it would make every later push look stale (docs/ordering.md).
 */
export const sentAtAheadToleranceMs = 5 * 60_000;

/** Where one push stands among the versions of a document: later in this order wins (rule 3). */
export type PushOrder = Readonly<{
  /** The push's `sentAt`, or its receipt time when `sentAt` lies too far after the receipt. */
  orderedAt: Date;
  receivedAt: Date;
  importId: string;
}>;

/** The time a push is ordered by, and whether its own `sentAt` was set aside for lying too far in the future. */
export function orderingTime(sentAt: Date, receivedAt: Date): { at: Date; sentAtAhead: boolean } {
  const sentAtAhead = sentAt.getTime() - receivedAt.getTime() > sentAtAheadToleranceMs;
  return { at: sentAtAhead ? receivedAt : sentAt, sentAtAhead };
}

/**
 * Orders two pushes: by ordering time, then (equal times: a DMS that sends whole seconds or only a date) by receipt,
 * so the edit that arrived last is kept, then by import id, so every document of two pushes received in the same
 * millisecond agrees on one winner. Negative when `a` comes first.
 */
export function comparePushOrder(a: PushOrder, b: PushOrder): number {
  const byTime = a.orderedAt.getTime() - b.orderedAt.getTime();
  if (byTime !== 0) return byTime;
  const byReceipt = a.receivedAt.getTime() - b.receivedAt.getTime();
  if (byReceipt !== 0) return byReceipt;
  return a.importId < b.importId ? -1 : a.importId > b.importId ? 1 : 0;
}

/** Whether `incoming` may overwrite what `stored` wrote: it comes later, or it is the same push again (a retry). */
export function supersedes(incoming: PushOrder, stored: PushOrder): boolean {
  return incoming.importId === stored.importId || comparePushOrder(incoming, stored) > 0;
}
