import type { Request, Response } from 'express';
import { z } from 'zod';
import type { GarageOverview, ImportOverview, OverviewOutcome, PeriodFigures } from '../import-overview.js';
import type { SupportDependencies } from '../operator-dependencies.js';
import { filledFields, parseForm } from './form-input.js';
import { columnHeaders, time } from './html-values.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';
import { overviewChart } from './overview-chart.js';
import { currentOperator } from './session.js';

const OverviewForm = z.object({ garageId: z.string().max(128, 'is longer than 128 characters').optional() });

type PeriodName = 'last24Hours' | 'last7Days';
const periods: readonly { name: PeriodName; label: string; search: string }[] = [
  { name: 'last24Hours', label: 'last 24 hours', search: '24h' },
  { name: 'last7Days', label: 'last 7 days', search: '7d' },
];

/** The columns of the figures, each with the import status it searches for, where there is one. */
const columns: readonly { outcome: OverviewOutcome | 'received'; label: string; status?: string }[] = [
  { outcome: 'received', label: 'Received' },
  { outcome: 'imported', label: 'Imported', status: 'imported' },
  { outcome: 'failed', label: 'Failed', status: 'failed' },
  { outcome: 'skipped', label: 'Skipped' },
  { outcome: 'importing', label: 'Still importing', status: 'accepted' },
  { outcome: 'refused', label: 'Refused' },
];

const garageName = (garage: GarageOverview) => garage.garageId ?? '(no garage id given)';

function garageForm(overview: ImportOverview, garageId: string | undefined, garageIds: readonly string[]): SafeHtml {
  const all = garageId === undefined ? '' : html`<a href="/support/overview">All garages</a>`;
  return html`<form method="get" action="/support/overview" class="filters">
    <div class="field">
      <label for="overview-garage">Only garage</label>
      <input id="overview-garage" name="garageId" type="text" list="overview-garages" value="${garageId ?? ''}" />
      <datalist id="overview-garages">${garageIds.map((id) => html`<option value="${id}"></option>`)}</datalist>
    </div>
    <button type="submit">Show</button>
    ${all}
    <p class="hint">
      Up to ${time(overview.generatedAt)}. Refused: requests the receiver turned away before any import (bad signature,
      old timestamp, too large...), from the rejection log; they can claim any garage id.
    </p>
  </form>`;
}

function figureCell(garage: GarageOverview, period: (typeof periods)[number], column: (typeof columns)[number]) {
  const value = garage[period.name][column.outcome];
  const cell = (content: SafeHtml | number) =>
    html`<td class="count${value === 0 ? ' zero' : ''}" data-outcome="${column.outcome}">${content}</td>`;
  // A number worth looking into opens the search for exactly those imports.
  if (value === 0 || column.status === undefined || garage.garageId === null || !garage.known) return cell(value);
  const search = new URLSearchParams({ garageId: garage.garageId, status: column.status, period: period.search });
  return cell(html`<a href="/support?${search.toString()}">${value}</a>`);
}

function figuresTable(overview: ImportOverview): SafeHtml {
  return html`<table class="overview" id="figures">
    <caption>
      Pushes per garage and how they ended. Received = imported + failed + skipped + still importing.
    </caption>
    ${columnHeaders(['Garage', 'Period', ...columns.map((column) => column.label)])}
    <tbody>
      ${overview.garages.map((garage) =>
        periods.map(
          (period, index) =>
            html`<tr data-garage="${garage.garageId ?? ''}" data-period="${period.name}">
              ${
                index === 0
                  ? html`<th scope="rowgroup" rowspan="${periods.length}">
                      ${garageName(garage)}${garage.known ? '' : html` <span class="words">not a configured garage</span>`}
                    </th>`
                  : ''
              }
              <td>${period.label}</td>
              ${columns.map((column) => figureCell(garage, period, column))}
            </tr>`,
        ),
      )}
    </tbody>
  </table>`;
}

function reasonRows(garage: GarageOverview, period: (typeof periods)[number]): SafeHtml[] {
  const figures: PeriodFigures = garage[period.name];
  return [
    ...figures.topFailureReasons.map(
      (reason) =>
        html`<tr data-garage="${garage.garageId ?? ''}" data-period="${period.name}" data-kind="failed">
          <td>${garageName(garage)}</td>
          <td>${period.label}</td>
          <td>failed import</td>
          <td><code>${reason.path}</code> ${reason.message} <span class="words">${reason.code}</span></td>
          <td class="count">${reason.count}</td>
        </tr>`,
    ),
    ...figures.topRefusalReasons.map(
      (reason) =>
        html`<tr data-garage="${garage.garageId ?? ''}" data-period="${period.name}" data-kind="refused">
          <td>${garageName(garage)}</td>
          <td>${period.label}</td>
          <td>refused request</td>
          <td>${reason.meaning} <span class="words">${reason.code}</span></td>
          <td class="count">${reason.count}</td>
        </tr>`,
    ),
  ];
}

function reasonsTable(overview: ImportOverview): SafeHtml {
  const rows = overview.garages.flatMap((garage) => periods.flatMap((period) => reasonRows(garage, period)));
  if (rows.length === 0) {
    return html`<h2>Top reasons</h2>
      <p id="reasons">No import failed and no request was refused in the last 7 days.</p>`;
  }
  return html`<h2>Top reasons</h2>
    <table id="reasons">
      <caption>
        The commonest reasons per garage and period (at most 5 of each kind): the field and rule of failed imports, and
        why requests were refused.
      </caption>
      ${columnHeaders(['Garage', 'Period', 'What', 'Reason', 'Count'])}
      <tbody>
        ${rows}
      </tbody>
    </table>`;
}

function leftOut(overview: ImportOverview): SafeHtml | string {
  if (overview.garagesLeftOut === 0) return '';
  return html`<p class="notice notice-info" role="status">
    ${overview.garagesLeftOut} more garage ids, none of them configured, were claimed by refused requests and are not
    shown.
  </p>`;
}

/** `GET /support/overview`: for the person on duty, per garage, the last day and week at a glance. */
export function overviewPage(deps: SupportDependencies) {
  return async (req: Request, res: Response): Promise<void> => {
    const operator = currentOperator(res);
    const { garageId } = parseForm(OverviewForm, filledFields(req.query, ['garageId']));
    const overview = await deps.overview({ garageId });
    const chart = await overviewChart(overview);
    const configured = overview.garages.flatMap((garage) =>
      garage.known && garage.garageId !== null ? [garage.garageId] : [],
    );
    res.send(
      page({
        title: 'Overview',
        operator,
        body: html`${garageForm(overview, garageId, configured)} ${leftOut(overview)}
          <figure class="chart" id="chart">
            <figcaption>
              Pushes per hour by outcome over the last 7 days, in Amsterdam time, one row per garage, each on its own
              scale: a spike is a peak, a silence a flat stretch.
            </figcaption>
            ${chart}
          </figure>
          ${figuresTable(overview)} ${reasonsTable(overview)}`,
      }),
    );
  };
}
