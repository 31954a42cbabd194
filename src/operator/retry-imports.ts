import { parseEnvelope, type EnvelopeResult, parsePushJson } from '../domain/contract/envelope.js';
import type { ImportRequest } from '../domain/import-request.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Collections } from '../store/collections.js';
import { openText } from '../store/encrypted-text.js';
import { importQuery, withoutRawBody } from '../store/import-queries.js';
import type { ImportFilter } from '../store/import-filter.js';

export type StartRetry = (workflowId: string, request: ImportRequest) => Promise<{ started: boolean }>;

export type RetryRefusal = Readonly<{
  refused: true;
  code: 'not_found' | 'not_failed' | 'retry_in_progress';
  message: string;
}>;
/** The HTTP status the API and the support page answer for each refusal. */
export const retryRefusalStatus: Record<RetryRefusal['code'], number> = {
  not_found: 404,
  not_failed: 409,
  retry_in_progress: 409,
};
export type RetryStarted = Readonly<{ refused: false; importId: string; workflowId: string; attempt: number }>;

export type RetryCandidate = Readonly<{
  importId: string;
  garageId: string;
  dmsNumber: string;
  woNumber: string | null;
  receivedAt: Date;
}>;

// A stored body that no longer reads as JSON still retries: the import log's own envelope fields stand in for it.
function envelopeOf(rawBody: string): EnvelopeResult | { ok: false } {
  try {
    return parseEnvelope(parsePushJson(rawBody));
  } catch {
    return { ok: false };
  }
}

/** Bulk retries start at most this many imports per request; the dry run says when there are more. */
const bulkRetryCap = 500;

/**
 * Retries failed imports by re-running their stored raw push through the current code, without Carsys resending.
 * Each attempt is its own workflow (`<workflow id>/retry-<n>`), so two clicks on one import start it once.
 */
export function importRetry(deps: { collections: Collections; keyring: Keyring; start: StartRetry }) {
  const imports = deps.collections.imports;

  async function retryOne(importId: string, by: string): Promise<RetryRefusal | RetryStarted> {
    const record = await imports.findOne({ _id: importId });
    if (record === null) return { refused: true, code: 'not_found', message: `There is no import ${importId}.` };
    if (record.status !== 'failed') {
      return {
        refused: true,
        code: 'not_failed',
        message: `Import ${importId} is ${record.status.replace(/_/g, ' ')}; only failed imports can be retried.`,
      };
    }
    const rawBody = openText(deps.keyring, record.rawBody);
    const envelope = envelopeOf(rawBody);
    const attempt = record.attempts.length + 1;
    const workflowId = `${record.workflowId}/retry-${attempt}`;
    const { started } = await deps.start(workflowId, {
      importId,
      garageId: record.garageId,
      rawBodyBase64: Buffer.from(rawBody, 'utf8').toString('base64'),
      bodySha256: record.bodySha256,
      receivedAt: record.receivedAt.toISOString(),
      requestId: record.requestId,
      envelope: envelope.ok
        ? envelope.envelope
        : {
            dmsNumber: record.dmsNumber,
            messageId: record.messageId,
            woNumber: record.woNumber,
            event: record.event,
            registration: record.registration,
          },
      retry: { attempt, by },
    });
    if (!started) {
      return { refused: true, code: 'retry_in_progress', message: `Import ${importId} is already being retried.` };
    }
    return { refused: false, importId, workflowId, attempt };
  }

  return {
    retryOne,

    /** The failed imports a bulk retry with this filter would start, newest first. */
    async candidates(filter: ImportFilter): Promise<{ total: number; imports: RetryCandidate[] }> {
      const query = { ...filter, status: 'failed' as const };
      const found = await imports
        .find(importQuery(query), withoutRawBody)
        .sort({ receivedAt: -1 })
        .limit(bulkRetryCap)
        .toArray();
      const total = await imports.countDocuments(importQuery(query));
      return {
        total,
        imports: found.map((doc) => ({
          importId: doc._id,
          garageId: doc.garageId,
          dmsNumber: doc.dmsNumber,
          woNumber: doc.woNumber,
          receivedAt: doc.receivedAt,
        })),
      };
    },

    /** Retries every failed import matching the filter (up to the cap), one after the other. */
    async retryMatching(filter: ImportFilter, by: string): Promise<(RetryRefusal | RetryStarted)[]> {
      const { imports: candidates } = await this.candidates(filter);
      const results: (RetryRefusal | RetryStarted)[] = [];
      for (const candidate of candidates) results.push(await retryOne(candidate.importId, by));
      return results;
    },
  };
}
export type ImportRetry = ReturnType<typeof importRetry>;
