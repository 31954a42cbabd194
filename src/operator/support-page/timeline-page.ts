import type { Request, Response } from 'express';
import { statusInWords } from '../../domain/status-words.js';
import type { ImportSummary } from '../../store/import-queries.js';
import type { SupportDependencies } from '../operator-dependencies.js';
import { columnHeaders, orNone, statusBadge, time } from './html-values.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';
import { detailLink, reason } from './results-table.js';
import { currentOperator } from './session.js';

function timelineTable(items: readonly ImportSummary[]): SafeHtml {
  if (items.length === 0) return html`<p>No pushes for this appointment.</p>`;
  return html`<table>
    <caption>
      ${items.length} push${items.length === 1 ? '' : 'es'}, in the order Carsys sent them.
    </caption>
    ${columnHeaders(['Sent by Carsys', 'Received', 'Event', 'WO number', 'Status', 'Reason', 'Import'])}
    <tbody>
      ${items.map(
        (record) =>
          html`<tr>
            <th scope="row">${time(record.sentAt)}</th>
            <td>${time(record.receivedAt)}</td>
            <td>${orNone(record.event)}</td>
            <td>${orNone(record.woNumber)}</td>
            <td>${statusBadge(record.status)}<span class="words">${statusInWords(record)}</span></td>
            <td>${reason(record)}</td>
            <td>${detailLink(record)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** `GET /support/timeline/:garageId/:dmsNumber`: every push for one appointment, in the order newest-wins puts them. */
export function timelinePage(deps: SupportDependencies) {
  return async (req: Request, res: Response): Promise<void> => {
    const garageId = String(req.params['garageId']);
    const dmsNumber = String(req.params['dmsNumber']);
    const items = await deps.queries.timeline(garageId, dmsNumber);
    res.send(
      page({
        title: `Appointment ${dmsNumber} of ${garageId}`,
        operator: currentOperator(res),
        body: timelineTable(items),
      }),
    );
  };
}
