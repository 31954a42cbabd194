import type { Request, Response } from 'express';
import { z } from 'zod';
import { importStatuses, type ImportStatus } from '../../domain/import-status.js';
import type { SupportDependencies } from '../operator-dependencies.js';
import { findImports } from './find-imports.js';
import { filledFields, parseForm } from './form-input.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';
import { resultsTable } from './results-table.js';
import { currentOperator, hasScope } from './session.js';
import { silenceAlert } from './silence-alert.js';

const shownAtMost = 50;

const HomeSearch = z.object({
  q: z.string().max(128, 'is longer than 128 characters').optional(),
  status: z.enum(importStatuses, { error: 'is not an import status' }).optional(),
});
type HomeSearch = z.infer<typeof HomeSearch>;

function statusOption(status: ImportStatus, chosen: ImportStatus | undefined): SafeHtml {
  const label = status.replace(/_/g, ' ');
  return status === chosen
    ? html`<option value="${status}" selected>${label}</option>`
    : html`<option value="${status}">${label}</option>`;
}

function searchForm(search: HomeSearch): SafeHtml {
  return html`<form method="get" action="/support" class="search" role="search">
      <div class="field">
        <label for="q">WO number, registration or DMS number</label>
        <input id="q" name="q" type="search" value="${search.q ?? ''}" aria-describedby="q-hint" />
      </div>
      <div class="field">
        <label for="status">Status</label>
        <select id="status" name="status">
          <option value="">any status</option>
          ${importStatuses.map((status) => statusOption(status, search.status))}
        </select>
      </div>
      <button type="submit">Search</button>
    </form>
    <p class="hint" id="q-hint">
      A registration can be typed as people write it (gb 123 x). Leave empty for the newest imports.
    </p>`;
}

function caption(search: HomeSearch, count: number, more: boolean): string {
  const which = search.q === undefined ? 'The newest imports' : `Imports for “${search.q}”`;
  const status = search.status === undefined ? '' : `, status ${search.status.replace(/_/g, ' ')}`;
  return `${which}${status}, newest first: ${count}${more ? ' shown; narrow the search to see the others' : ''}.`;
}

/** `GET /support`: the search box, its results, the silence alert and the way to bulk retry. */
export function homePage(deps: SupportDependencies) {
  return async (req: Request, res: Response): Promise<void> => {
    const operator = currentOperator(res);
    const search = parseForm(HomeSearch, filledFields(req.query, ['q', 'status']));
    const [found, silence] = await Promise.all([
      findImports(deps.queries, { text: search.q, status: search.status }, shownAtMost),
      deps.silence(),
    ]);
    const bulkRetry = hasScope(operator, 'retry')
      ? html`<p class="actions"><a href="/support/retry">Bulk retry of failed imports</a></p>`
      : '';
    res.send(
      page({
        title: 'Find an import',
        operator,
        body: html`${searchForm(search)} ${resultsTable(found.items, caption(search, found.items.length, found.more))}
        ${bulkRetry} ${silenceAlert(silence)}`,
      }),
    );
  };
}
