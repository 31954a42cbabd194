import { createDeduplicatePush } from './deduplicate-push.js';
import type { ActivityDependencies } from './dependencies.js';
import { mapPush } from './map-push.js';
import { createRecordOutcome } from './record-outcome.js';
import { createUpsertDocuments } from './upsert-documents.js';
import { validatePush } from './validate-push.js';

/** Builds the import activities around their dependencies. */
export function createActivities(deps: ActivityDependencies) {
  return {
    deduplicatePush: createDeduplicatePush(deps),
    validatePush,
    mapPush,
    upsertDocuments: createUpsertDocuments(deps),
    recordOutcome: createRecordOutcome(deps),
  };
}
export type ImportActivities = ReturnType<typeof createActivities>;
