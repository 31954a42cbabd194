import type { Request, Response } from 'express';
import type { SupportDependencies } from '../operator-dependencies.js';
import { filledFields, parseForm } from './form-input.js';
import { html } from './html.js';
import { page } from './layout.js';
import { resultsTable } from './results-table.js';
import { HomeSearch, homeSearchFields, pageLinks, searchCaption, searchFilter, searchForm } from './search-filters.js';
import { currentOperator, hasScope } from './session.js';
import { silenceAlert } from './silence-alert.js';

const perPage = 50;

/** `GET /support`: the search box with its filters, a page of results, the silence alert and the way to bulk retry. */
export function homePage(deps: SupportDependencies) {
  return async (req: Request, res: Response): Promise<void> => {
    const operator = currentOperator(res);
    const search = parseForm(HomeSearch, filledFields(req.query, homeSearchFields));
    const [found, silence] = await Promise.all([
      deps.queries.search(searchFilter(search, new Date()), { cursor: search.cursor, limit: perPage }),
      deps.silence(),
    ]);
    const bulkRetry = hasScope(operator, 'retry')
      ? html`<a href="/support/retry">Bulk retry of failed imports</a>`
      : '';
    // Nothing found for a number is exactly the question the where-is page answers.
    const whereIsQuery = new URLSearchParams({
      ...(search.garageId === undefined ? {} : { garageId: search.garageId }),
      ...(search.q === undefined ? {} : { number: search.q }),
    }).toString();
    const whereIs =
      search.q === undefined || found.items.length > 0
        ? html`<a href="/support/where-is">Where is my work order?</a>`
        : html`<a href="/support/where-is?${whereIsQuery}">Where is work order “${search.q}”?</a>`;
    const overview = html`<a href="/support/overview">Overview: the last 24 hours and 7 days per garage</a>`;
    const actions = html`<p class="actions">${overview} ${whereIs} ${bulkRetry}</p>`;
    const garageIds = silence.garages.map((garage) => garage.garageId);
    const caption = searchCaption(search, found.items.length, search.cursor === undefined);
    res.send(
      page({
        title: 'Find an import',
        operator,
        body: html`${searchForm(search, garageIds)} ${resultsTable(found.items, caption)}
        ${pageLinks(search, found.nextCursor)} ${actions} ${silenceAlert(silence)}`,
      }),
    );
  };
}
