import type { components, operations } from '../api/openapi-types.generated.js';
import type { ImportApiClient } from './api-client.js';
import { importDetail, table } from './text-table.js';
import { whereIsText } from './where-is-format.js';

export type CommandResult = Readonly<{ output: string; exitCode: number }>;

type SearchQuery = NonNullable<operations['searchImports']['parameters']['query']>;
/** The import log's filters, as the API's search takes them. */
export type Filters = Omit<SearchQuery, 'cursor' | 'limit'>;

const listColumns = ['importId', 'status', 'garageId', 'dmsNumber', 'woNumber', 'receivedAt'];

// Any answer the API refuses with is an ErrorBody; an answer that is not (a proxy's page) has no code to show.
function failure(body: components['schemas']['ErrorBody'] | undefined): CommandResult {
  const error = body?.error;
  return { output: `error: ${error?.message ?? 'unexpected answer'} (${error?.code ?? 'unknown'})`, exitCode: 1 };
}

/** The on-call commands, each one call (or a few) of the import API. */
export function commands(api: ImportApiClient) {
  return {
    async list(filters: Filters, limit: string | undefined): Promise<CommandResult> {
      const query: SearchQuery = { ...filters, ...(limit === undefined ? {} : { limit: Number(limit) }) };
      const { data, error } = await api.GET('/api/v1/imports', { params: { query } });
      if (data === undefined) return failure(error);
      const more = data.nextCursor === null ? '' : `\n(more: add --cursor ${data.nextCursor})`;
      return { output: `${table(data.items, listColumns)}\n${data.items.length} import(s)${more}`, exitCode: 0 };
    },

    async show(importId: string): Promise<CommandResult> {
      const { data, error } = await api.GET('/api/v1/imports/{importId}', { params: { path: { importId } } });
      return data === undefined ? failure(error) : { output: importDetail(data), exitCode: 0 };
    },

    async retry(importId: string): Promise<CommandResult> {
      const { data, error } = await api.POST('/api/v1/imports/{importId}/retry', { params: { path: { importId } } });
      if (data === undefined) return failure(error);
      return { output: `retry ${data.attempt} started: ${data.workflowId}`, exitCode: 0 };
    },

    async retryAll(filters: Filters, dryRun: boolean): Promise<CommandResult> {
      // Only failed imports are ever retried, so the bulk retry takes every filter but the status.
      const { status: _status, ...filter } = filters;
      const { data, error } = await api.POST('/api/v1/imports/retry', { body: { ...filter, dryRun } });
      if (data === undefined) return failure(error);
      if (data.dryRun) {
        return {
          output: `${table(data.wouldRetry, ['importId', 'garageId', 'dmsNumber', 'woNumber', 'receivedAt'])}\ndry run: ${data.total} failed import(s) would be retried; nothing was changed`,
          exitCode: 0,
        };
      }
      const lines = data.results.map((result) =>
        'error' in result ? `refused: ${result.error.message}` : `started: ${result.workflowId}`,
      );
      return { output: [...lines, `${data.results.length} retry request(s)`].join('\n'), exitCode: 0 };
    },

    async timeline(garageId: string, dmsNumber: string): Promise<CommandResult> {
      const { data, error } = await api.GET('/api/v1/garages/{garageId}/appointments/{dmsNumber}/timeline', {
        params: { path: { garageId, dmsNumber } },
      });
      if (data === undefined) return failure(error);
      return { output: table(data.items, ['sentAt', 'event', 'status', 'woNumber', 'importId']), exitCode: 0 };
    },

    /** Where is my work order? One garage, a WO number, registration or DMS number; from/to bound the refusals. */
    async whereIs(garageId: string, number: string, period: { from?: string; to?: string }): Promise<CommandResult> {
      const { data, error } = await api.GET('/api/v1/where-is', {
        params: { query: { garageId, number, ...period } },
      });
      return data === undefined ? failure(error) : { output: whereIsText(data), exitCode: 0 };
    },

    async silence(): Promise<CommandResult> {
      const { data, error } = await api.GET('/api/v1/garages/silence');
      if (data === undefined) return failure(error);
      return {
        output: `${table(data.garages, ['garageId', 'lastPushAt', 'silentBusinessHours', 'silent'])}\nsilent means no push for ${data.thresholdBusinessHours} business hours`,
        exitCode: 0,
      };
    },
  };
}
