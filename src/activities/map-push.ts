import type { CarsysPush } from '../domain/contract/push-schema.js';
import { mapPush as mapValidPush } from '../domain/mapping/map-push.js';
import type { MappedPush } from '../domain/mapping/mapped-push.js';

/** Normalises a valid push into document fields; pure, so the workflow runs it as a local activity. */
export function mapPush(input: { push: CarsysPush; receivedAt: string }): Promise<MappedPush> {
  return Promise.resolve(mapValidPush(input.push, input.receivedAt));
}
