import { z } from 'zod';
import { importStatuses, type ImportStatus } from '../../domain/import-status.js';
import type { ImportFilter } from '../../store/import-filter.js';
import { html, type SafeHtml } from './html.js';

const periods = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 } as const;
type Period = keyof typeof periods;
const periodLabels: Readonly<Record<Period, string>> = {
  '24h': 'last 24 hours',
  '7d': 'last 7 days',
  '30d': 'last 30 days',
};
// Offered in the warning field; any other code can be typed.
const commonWarnings = ['suspicious_date', 'sent_at_missing', 'invalid_registration', 'invalid_vin', 'invalid_phone'];

const text = (what: string) => z.string().max(128, `is longer than 128 characters`).describe(what);

/** The search page's fields: the one search box, and filters by status, garage, period and warning. */
export const HomeSearch = z.object({
  q: text('WO number, registration or DMS number').optional(),
  status: z.enum(importStatuses, { error: 'is not an import status' }).optional(),
  garageId: text('garage id').optional(),
  period: z.enum(['24h', '7d', '30d'], { error: 'is not a period we offer' }).optional(),
  warning: text('warning code').optional(),
  cursor: z.string().max(200, 'is not a page of this search').optional(),
});
export type HomeSearch = z.infer<typeof HomeSearch>;
export const homeSearchFields = ['q', 'status', 'garageId', 'period', 'warning', 'cursor'] as const;

/** The import log filter a search stands for; the period counts back from now. */
export function searchFilter(search: HomeSearch, now: Date): ImportFilter {
  return {
    ...(search.q === undefined ? {} : { number: search.q }),
    ...(search.status === undefined ? {} : { status: search.status }),
    ...(search.garageId === undefined ? {} : { garageId: search.garageId }),
    ...(search.warning === undefined ? {} : { warning: search.warning }),
    ...(search.period === undefined ? {} : { from: new Date(now.getTime() - periods[search.period] * 3_600_000) }),
  };
}

function option(value: string, label: string, chosen: string | undefined): SafeHtml {
  return value === chosen
    ? html`<option value="${value}" selected>${label}</option>`
    : html`<option value="${value}">${label}</option>`;
}

/** The search form, with the filters as they were chosen. */
export function searchForm(search: HomeSearch, garageIds: readonly string[]): SafeHtml {
  const statusLabel = (status: ImportStatus) => status.replace(/_/g, ' ');
  return html`<form method="get" action="/support" class="search" role="search">
      <div class="field">
        <label for="q">WO number, registration or DMS number</label>
        <input id="q" name="q" type="search" value="${search.q ?? ''}" aria-describedby="q-hint" />
      </div>
      <div class="field">
        <label for="status">Status</label>
        <select id="status" name="status">
          <option value="">any status</option>
          ${importStatuses.map((status) => option(status, statusLabel(status), search.status))}
        </select>
      </div>
      <div class="field">
        <label for="filter-garage">Garage</label>
        <input id="filter-garage" name="garageId" type="text" list="garage-ids" value="${search.garageId ?? ''}" />
        <datalist id="garage-ids">${garageIds.map((id) => html`<option value="${id}"></option>`)}</datalist>
      </div>
      <div class="field">
        <label for="period">Received</label>
        <select id="period" name="period">
          <option value="">any time</option>
          ${(Object.keys(periods) as Period[]).map((period) => option(period, periodLabels[period], search.period))}
        </select>
      </div>
      <div class="field">
        <label for="warning">Warning</label>
        <input id="warning" name="warning" type="text" list="warning-codes" value="${search.warning ?? ''}" />
        <datalist id="warning-codes">${commonWarnings.map((code) => html`<option value="${code}"></option>`)}</datalist>
      </div>
      <button type="submit">Search</button>
    </form>
    <p class="hint" id="q-hint">
      A registration can be typed as people write it (gb 123 x). Leave everything empty for the newest imports.
    </p>`;
}

/** What was searched, in words, for the results' caption. */
export function searchCaption(search: HomeSearch, count: number, firstPage: boolean): string {
  const which = search.q === undefined ? 'The newest imports' : `Imports for “${search.q}”`;
  const filters = [
    search.status === undefined ? '' : `status ${search.status.replace(/_/g, ' ')}`,
    search.garageId === undefined ? '' : `garage ${search.garageId}`,
    search.period === undefined ? '' : `received in the ${periodLabels[search.period]}`,
    search.warning === undefined ? '' : `warning ${search.warning}`,
  ].filter((part) => part !== '');
  const page = firstPage ? '' : ', a later page';
  return `${which}${filters.length === 0 ? '' : `, ${filters.join(', ')}`}, newest first${page}: ${count} shown.`;
}

/** Links to the first and the next page of the same search; the cursor keeps pages stable as new imports arrive. */
export function pageLinks(search: HomeSearch, nextCursor: string | null): SafeHtml | string {
  const params = (cursor: string | undefined) => {
    const query = new URLSearchParams();
    for (const name of homeSearchFields) {
      const value = name === 'cursor' ? cursor : search[name];
      if (value !== undefined) query.set(name, value);
    }
    const text = query.toString();
    return text === '' ? '/support' : `/support?${text}`;
  };
  const first = search.cursor === undefined ? '' : html`<a href="${params(undefined)}">First page</a>`;
  const next = nextCursor === null ? '' : html`<a href="${params(nextCursor)}" rel="next">Next page</a>`;
  if (first === '' && next === '') return '';
  return html`<nav class="actions" aria-label="Pages of results">${first} ${next}</nav>`;
}
