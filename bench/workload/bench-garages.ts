import { randomBytes } from 'node:crypto';
import type { GarageConfig } from '../../src/config.js';

/** Garages of one bench phase: their own ids (workflow ids stay unique across runs) and secrets. */
export function benchGarages(runId: string, phase: string, count: number): GarageConfig[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `bench-${runId}-${phase}-g${index + 1}`,
    secrets: [randomBytes(18).toString('base64url')],
    keepImportingAfterWorkStarted: false,
  }));
}
