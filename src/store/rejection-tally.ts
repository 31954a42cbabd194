/** A push the receiver (or the worker, for a forged import) refused: metadata only, never the body. */
export type RejectionDocument = {
  garageIdClaimed: string | null;
  status: number;
  code: string;
  at: Date;
  sizeBytes: number | null;
  requestId: string;
};

/** One refused request kept as an example in its hour's count; the claimed id is the one sent, even if unknown. */
export type RefusalSample = Pick<RejectionDocument, 'at' | 'sizeBytes' | 'requestId' | 'garageIdClaimed'>;

/**
 * The refusals of one garage, for one reason, in one hour: what the rejection log stores. `garageIdClaimed` is a
 * configured garage's id, {@link unknownGarage} for any other id sent, or null when none was sent.
 */
export type RefusalTally = {
  garageIdClaimed: string | null;
  status: number;
  code: string;
  hour: Date;
  count: number;
  firstAt: Date;
  lastAt: Date;
  samples: RefusalSample[];
};

/** Where refusals claiming a garage id that is not configured are counted: random ids make no new counts. */
export const unknownGarage = '(unknown)';
/** Examples kept per count: the first ones of the hour. */
export const samplesPerTally = 5;

const hourMs = 3_600_000;

export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / hourMs) * hourMs);
}

/** The one refusal as a count of one, under its garage's key. */
export function tallyOf(rejection: RejectionDocument, isKnownGarage: (garageId: string) => boolean): RefusalTally {
  const claimed = rejection.garageIdClaimed;
  return {
    garageIdClaimed: claimed === null ? null : isKnownGarage(claimed) ? claimed : unknownGarage,
    status: rejection.status,
    code: rejection.code,
    hour: hourOf(rejection.at),
    count: 1,
    firstAt: rejection.at,
    lastAt: rejection.at,
    samples: [
      {
        at: rejection.at,
        sizeBytes: rejection.sizeBytes,
        requestId: rejection.requestId,
        garageIdClaimed: claimed,
      },
    ],
  };
}

/** The stored document's id: one per garage, reason and hour, so a refusal increments instead of inserting. */
export function tallyKey(tally: Pick<RefusalTally, 'garageIdClaimed' | 'status' | 'code' | 'hour'>): string {
  return JSON.stringify([tally.garageIdClaimed, tally.code, tally.status, tally.hour.toISOString()]);
}

/** Adds `more` into `into` (same key); both are counts of the same garage, reason and hour. */
export function mergeTally(into: RefusalTally, more: RefusalTally): void {
  into.count += more.count;
  if (more.firstAt < into.firstAt) into.firstAt = more.firstAt;
  if (more.lastAt > into.lastAt) into.lastAt = more.lastAt;
  if (into.samples.length < samplesPerTally) {
    into.samples.push(...more.samples.slice(0, samplesPerTally - into.samples.length));
  }
}

/** Folds counts into one per key, in a map the caller keeps (the buffer) or throws away (a read). */
export function addTally(tallies: Map<string, RefusalTally>, tally: RefusalTally): void {
  const key = tallyKey(tally);
  const existing = tallies.get(key);
  if (existing === undefined) tallies.set(key, { ...tally, samples: [...tally.samples] });
  else mergeTally(existing, tally);
}
