import { createHash } from 'node:crypto';

function digest(parts: readonly string[]): string {
  // NUL cannot occur in garage ids or DMS keys, so joined parts cannot collide.
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24);
}

/**
 * Document ids derive from the natural key, so a writer knows a document's id before it exists (an appointment can
 * point at its car without reading it back) and two racing inserts collide on `_id` itself.
 */
export const documentIds = {
  appointment: (garageId: string, dmsNumber: string) => `apt_${digest([garageId, dmsNumber])}`,
  car: (garageId: string, carKey: string) => `car_${digest([garageId, carKey])}`,
  party: (garageId: string, dmsPartyId: string) => `pty_${digest([garageId, dmsPartyId])}`,
};
