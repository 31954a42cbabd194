import type { ImportStatus } from '../../domain/import-status.js';
import { html, type SafeHtml } from './html.js';

// Support and the garages work in Dutch time; the zone name is printed so nobody has to guess.
const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  dateStyle: 'medium',
  timeStyle: 'medium',
});

/** A moment as people read it, with the exact instant in `datetime`. */
export function time(date: Date | null | undefined): SafeHtml {
  if (date === null || date === undefined) return html`<span class="none">none</span>`;
  return html`<time datetime="${date.toISOString()}">${clock.format(date)} (Amsterdam)</time>`;
}

/** The status as a word, so it never depends on colour alone; the class only adds the colour. */
export function statusBadge(status: ImportStatus): SafeHtml {
  return html`<span class="status status-${status}">${status.replace(/_/g, ' ')}</span>`;
}

/** A page address with its path segments encoded. */
export function pagePath(...segments: readonly string[]): string {
  return `/support/${segments.map(encodeURIComponent).join('/')}`;
}

/** A table's header row, one column heading per name. */
export function columnHeaders(names: readonly string[]): SafeHtml {
  return html`<thead>
    <tr>
      ${names.map((name) => html`<th scope="col">${name}</th>`)}
    </tr>
  </thead>`;
}

/** A missing value, said in words. */
export function orNone(value: string | null | undefined): SafeHtml | string {
  return value === null || value === undefined || value === '' ? html`<span class="none">none</span>` : value;
}
