import type { ImportSummary } from '../../store/import-queries.js';
import { statusInWords } from '../../domain/status-words.js';
import { columnHeaders, orNone, pagePath, statusBadge, time } from './html-values.js';
import { html, type SafeHtml } from './html.js';

/** Why an import failed, in one line: its first issue, and how many more there are. */
export function reason(record: ImportSummary): SafeHtml | string {
  const [first, ...others] = record.issues;
  if (record.status === 'failed' && first !== undefined) {
    return html`<code>${first.path}</code>: ${first.message}${others.length > 0 ? ` (and ${others.length} more)` : ''}`;
  }
  const warnings = record.warnings.length;
  return warnings === 0 ? '' : `${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** A link to an import's page; its hidden words tell screen readers which of the many "Details" it is. */
export function detailLink(record: ImportSummary): SafeHtml {
  return html`<a href="${pagePath('imports', record._id)}"
    >Details<span class="visually-hidden">
      of the push of DMS number ${record.dmsNumber} received ${record.receivedAt.toISOString()}</span
    ></a
  >`;
}

/** Imports found by a search, one row each, with a link to the detail page. */
export function resultsTable(items: readonly ImportSummary[], caption: string): SafeHtml {
  if (items.length === 0) return html`<p>No imports found.</p>`;
  const rows = items.map(
    (record) =>
      html`<tr>
        <th scope="row">${time(record.receivedAt)}</th>
        <td>${record.garageId}</td>
        <td>${record.dmsNumber}</td>
        <td>${orNone(record.woNumber)}</td>
        <td>${statusBadge(record.status)}<span class="words">${statusInWords(record)}</span></td>
        <td>${reason(record)}</td>
        <td>${detailLink(record)}</td>
      </tr>`,
  );
  return html`<table class="results">
    <caption>
      ${caption}
    </caption>
    ${columnHeaders(['Received', 'Garage', 'DMS number', 'WO number', 'Status', 'Reason', 'Import'])}
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
