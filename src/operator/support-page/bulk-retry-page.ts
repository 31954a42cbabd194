import type { Request, Response } from 'express';
import { ImportFilter } from '../../store/import-filter.js';
import type { RetryCandidate, RetryRefusal, RetryStarted } from '../retry-imports.js';
import type { SupportDependencies } from '../operator-dependencies.js';
import { columnHeaders, orNone, pagePath, time } from './html-values.js';
import { filledFields, parseForm } from './form-input.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';
import { currentOperator } from './session.js';

const BulkFilter = ImportFilter.omit({ status: true });

const fields = [
  { name: 'garageId', label: 'Garage id', type: 'text' },
  { name: 'woNumber', label: 'WO number', type: 'text' },
  { name: 'registration', label: 'Registration', type: 'text' },
  { name: 'dmsNumber', label: 'DMS number', type: 'text' },
  { name: 'warning', label: 'Warning code', type: 'text' },
  { name: 'from', label: 'Received on or after (date, UTC)', type: 'date' },
  { name: 'to', label: 'Received before (date, UTC)', type: 'date' },
] as const;
type FieldName = (typeof fields)[number]['name'];
type FilledFilter = Partial<Record<FieldName, string>>;
const fieldNames = fields.map((field) => field.name);

function filterForm(filled: FilledFilter): SafeHtml {
  return html`<form method="get" action="/support/retry" class="filters">
    ${fields.map(
      (field) =>
        html`<div class="field">
          <label for="${field.name}">${field.label}</label>
          <input id="${field.name}" name="${field.name}" type="${field.type}" value="${filled[field.name] ?? ''}" />
        </div>`,
    )}
    <button type="submit" class="secondary">Show what would be retried</button>
  </form>`;
}

function candidateRows(candidates: readonly RetryCandidate[]): SafeHtml {
  return html`<table>
    <caption>
      Failed imports that would be retried, newest first.
    </caption>
    ${columnHeaders(['Received', 'Garage', 'DMS number', 'WO number', 'Import'])}
    <tbody>
      ${candidates.map(
        (candidate) =>
          html`<tr>
            <th scope="row">${time(candidate.receivedAt)}</th>
            <td>${candidate.garageId}</td>
            <td>${candidate.dmsNumber}</td>
            <td>${orNone(candidate.woNumber)}</td>
            <td>
              <a href="${pagePath('imports', candidate.importId)}"><code>${candidate.importId}</code></a>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function confirmation(filled: FilledFilter, total: number, shown: number): SafeHtml {
  const hidden = fieldNames.map((name) => {
    const value = filled[name];
    return value === undefined ? '' : html`<input type="hidden" name="${name}" value="${value}" />`;
  });
  const capped =
    shown < total
      ? html`<p>Only the newest ${shown} are retried at once; confirm again afterwards for the rest.</p>`
      : '';
  return html`${capped}
    <form method="post" action="/support/retry">
      ${hidden}
      <button type="submit">Retry ${shown} failed import${shown === 1 ? '' : 's'}</button>
    </form>`;
}

/** `GET /support/retry?...`: the dry run. It says how many failed imports match, and which, before anything happens. */
export function bulkRetryDryRun(deps: SupportDependencies) {
  return async (req: Request, res: Response): Promise<void> => {
    const filled = filledFields(req.query, fieldNames);
    const filter = parseForm(BulkFilter, filled);
    const { total, imports } = await deps.retry.candidates(filter);
    const dryRun =
      total === 0
        ? html`<p id="dry-run">No failed imports match; there is nothing to retry.</p>`
        : html`<p id="dry-run">
              <strong>${total} failed import${total === 1 ? '' : 's'}</strong> match${total === 1 ? 'es' : ''}. Nothing
              has been retried yet. Each retry runs the stored push again through the current code.
            </p>
            ${candidateRows(imports)} ${confirmation(filled, total, imports.length)}`;
    res.send(
      page({
        title: 'Bulk retry of failed imports',
        operator: currentOperator(res),
        body: html`<p class="hint">Only failed imports are retried. Narrow the filter, check the list, then confirm.</p>
          ${filterForm(filled)}
          <h2>Dry run</h2>
          ${dryRun}`,
      }),
    );
  };
}

function outcome(result: RetryRefusal | RetryStarted): SafeHtml {
  return result.refused
    ? html`<li>Not retried: ${result.message}</li>`
    : html`<li>
        <a href="${pagePath('imports', result.importId)}"><code>${result.importId}</code></a
        >: retry started (attempt ${result.attempt}).
      </li>`;
}

/** `POST /support/retry`: retries every failed import matching the confirmed filter, and lists what happened. */
export function bulkRetry(deps: SupportDependencies) {
  return async (req: Request, res: Response): Promise<void> => {
    const operator = currentOperator(res);
    const filled = filledFields(req.body, fieldNames);
    const results = await deps.retry.retryMatching(parseForm(BulkFilter, filled), operator.name);
    const started = results.filter((result) => !result.refused).length;
    res.send(
      page({
        title: 'Bulk retry started',
        operator,
        notice: {
          kind: 'info',
          text: `${started} of ${results.length} retries started; refresh an import to see its outcome.`,
        },
        body: html`<ul>
            ${results.map(outcome)}
          </ul>
          <p><a href="/support/retry">Back to bulk retry</a> · <a href="/support">Find an import</a></p>`,
      }),
    );
  };
}
