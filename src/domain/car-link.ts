/** What the store knows of a car already written for this garage: enough to decide whether a push describes it. */
export type StoredCar = Readonly<{ _id: string; vin: string | null }>;

/** The cars a push could describe: the one carrying its VIN, and those carrying its plate, most recently written first. */
export type CarCandidates = Readonly<{ withVin: StoredCar | null; withRegistration: readonly StoredCar[] }>;

/** Which car document a push writes: one already stored (gaining the push's VIN when it had none), or a new one. */
export type CarChoice = { kind: 'existing'; _id: string; gainsVin: boolean } | { kind: 'new' };

/**
 * One real car is one car document, and two cars are never one (rule 2, docs/data-rules.md). A push with a VIN
 * writes the car carrying that VIN, else the car known only by the push's plate, which gains the VIN, else a new
 * car: never a car that carries another VIN. A push without a VIN writes the car most recently written with its
 * plate, VIN or not, and never takes that car's VIN away.
 */
export function chooseCar(vin: string | null, candidates: CarCandidates): CarChoice {
  if (vin !== null) {
    if (candidates.withVin !== null) return { kind: 'existing', _id: candidates.withVin._id, gainsVin: false };
    const knownByPlateOnly = candidates.withRegistration.find((car) => car.vin === null);
    return knownByPlateOnly === undefined
      ? { kind: 'new' }
      : { kind: 'existing', _id: knownByPlateOnly._id, gainsVin: true };
  }
  const newest = candidates.withRegistration[0];
  return newest === undefined ? { kind: 'new' } : { kind: 'existing', _id: newest._id, gainsVin: false };
}
