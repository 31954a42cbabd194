import type { GarageConfig } from '../config.js';
import type { Keyring } from '../crypto/keyring.js';
import type { ImportMetrics } from '../metrics/import-metrics.js';
import type { Collections } from '../store/collections.js';

/** Everything activities touch, passed in so tests give them real ones. */
export type ActivityDependencies = Readonly<{
  collections: Collections;
  garages: ReadonlyMap<string, GarageConfig>;
  /** Encrypts the raw push before it is stored: it holds customers' personal data. */
  keyring: Keyring;
  clock: () => Date;
  /** Counts finished imports; absent where nobody scrapes (benchmarks, some tests). */
  metrics?: ImportMetrics;
}>;
