import type { PushIssue, PushWarning } from '../domain/issues.js';
import type { ImportStatus } from '../domain/import-status.js';
import type { WrittenDocuments } from '../store/documents.js';
import { importLog } from '../store/import-log.js';
import type { ActivityDependencies } from './dependencies.js';

export type ImportOutcome = Readonly<{
  importId: string;
  status: Exclude<ImportStatus, 'accepted'>;
  issues?: readonly PushIssue[];
  warnings?: readonly PushWarning[];
  documents?: WrittenDocuments | null;
  sentAt?: string | null;
  registration?: string | null;
  /** When the push arrived (ISO), to measure how long the import took. */
  receivedAt: string;
}>;

export function createRecordOutcome({ collections, clock, metrics }: ActivityDependencies) {
  const log = importLog(collections);
  /** Stores how the import ended, so support finds it in the import log. */
  return async function recordOutcome(outcome: ImportOutcome): Promise<void> {
    const { sentAt, receivedAt, ...rest } = outcome;
    const finishedAt = clock();
    await log.finish({
      ...rest,
      ...(sentAt === undefined ? {} : { sentAt: sentAt === null ? null : new Date(sentAt) }),
      finishedAt,
    });
    metrics?.imports.inc({ outcome: outcome.status });
    metrics?.importSeconds.observe({ outcome: outcome.status }, (finishedAt.getTime() - Date.parse(receivedAt)) / 1000);
  };
}
