import { statusInWords } from '../../domain/status-words.js';
import type { ImportSummary } from '../../store/import-queries.js';
import type { WebUiLinks } from '../../temporal/web-ui-links.js';

/** An import as the API shows it: the log record, what its status means in words, and where to look further. */
export function importView(record: ImportSummary, links: WebUiLinks) {
  return {
    importId: record._id,
    garageId: record.garageId,
    status: record.status,
    statusInWords: statusInWords(record),
    dmsNumber: record.dmsNumber,
    woNumber: record.woNumber,
    registration: record.registration,
    event: record.event,
    messageId: record.messageId,
    sentAt: record.sentAt,
    receivedAt: record.receivedAt,
    finishedAt: record.finishedAt,
    issues: record.issues,
    warnings: record.warnings,
    documents: record.documents,
    attempts: record.attempts.map((attempt) => ({ ...attempt, webUiUrl: links.workflow(attempt.workflowId) })),
    workflowId: record.workflowId,
    webUiUrl: links.workflow(record.workflowId),
  };
}
export type ImportView = ReturnType<typeof importView>;
