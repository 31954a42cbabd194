import type { ImportApiClient } from './api-client.js';
import { importDetail, table } from './text-table.js';

export type CommandResult = Readonly<{ output: string; exitCode: number }>;

const filterNames = ['garageId', 'status', 'woNumber', 'registration', 'dmsNumber', 'warning', 'from', 'to'] as const;
export type Filters = Partial<Record<(typeof filterNames)[number], string>>;

const listColumns = ['importId', 'status', 'garageId', 'dmsNumber', 'woNumber', 'receivedAt'];

function failure(json: unknown): CommandResult {
  const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
  return { output: `error: ${error?.message ?? 'unexpected answer'} (${error?.code ?? 'unknown'})`, exitCode: 1 };
}

function query(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name];
    if (value !== undefined) params.set(name, value);
  }
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The on-call commands, each one call (or a few) of the import API. */
export function commands(api: ImportApiClient) {
  return {
    async list(filters: Filters, limit: string | undefined): Promise<CommandResult> {
      const { status, json } = await api.get(`/api/v1/imports${query(filters, limit === undefined ? {} : { limit })}`);
      if (status !== 200) return failure(json);
      const page = json as { items: Record<string, unknown>[]; nextCursor: string | null };
      const more = page.nextCursor === null ? '' : `\n(more: add --cursor ${page.nextCursor})`;
      return { output: `${table(page.items, listColumns)}\n${page.items.length} import(s)${more}`, exitCode: 0 };
    },

    async show(importId: string): Promise<CommandResult> {
      const { status, json } = await api.get(`/api/v1/imports/${encodeURIComponent(importId)}`);
      return status === 200 ? { output: importDetail(json as Record<string, unknown>), exitCode: 0 } : failure(json);
    },

    async retry(importId: string): Promise<CommandResult> {
      const { status, json } = await api.post(`/api/v1/imports/${encodeURIComponent(importId)}/retry`);
      if (status !== 202) return failure(json);
      const started = json as { workflowId: string; attempt: number };
      return { output: `retry ${started.attempt} started: ${started.workflowId}`, exitCode: 0 };
    },

    async retryAll(filters: Filters, dryRun: boolean): Promise<CommandResult> {
      const { status, json } = await api.post('/api/v1/imports/retry', { ...filters, dryRun });
      if (status !== 200 && status !== 202) return failure(json);
      if (dryRun) {
        const plan = json as { total: number; wouldRetry: Record<string, unknown>[] };
        return {
          output: `${table(plan.wouldRetry, ['importId', 'garageId', 'dmsNumber', 'woNumber', 'receivedAt'])}\ndry run: ${plan.total} failed import(s) would be retried; nothing was changed`,
          exitCode: 0,
        };
      }
      const done = json as { results: ({ workflowId: string } | { error: { message: string } })[] };
      const lines = done.results.map((result) =>
        'error' in result ? `refused: ${result.error.message}` : `started: ${result.workflowId}`,
      );
      return { output: [...lines, `${done.results.length} retry request(s)`].join('\n'), exitCode: 0 };
    },

    async timeline(garageId: string, dmsNumber: string): Promise<CommandResult> {
      const { status, json } = await api.get(
        `/api/v1/garages/${encodeURIComponent(garageId)}/appointments/${encodeURIComponent(dmsNumber)}/timeline`,
      );
      if (status !== 200) return failure(json);
      const items = (json as { items: Record<string, unknown>[] }).items;
      return { output: table(items, ['sentAt', 'event', 'status', 'woNumber', 'importId']), exitCode: 0 };
    },

    async silence(): Promise<CommandResult> {
      const { status, json } = await api.get('/api/v1/garages/silence');
      if (status !== 200) return failure(json);
      const report = json as { thresholdBusinessHours: number; garages: Record<string, unknown>[] };
      return {
        output: `${table(report.garages, ['garageId', 'lastPushAt', 'silentBusinessHours', 'silent'])}\nsilent means no push for ${report.thresholdBusinessHours} business hours`,
        exitCode: 0,
      };
    },
  };
}
