import type { Request, Response } from 'express';
import type { SignedInOperator } from '../operator-auth.js';
import type { PushIssue } from '../../domain/import-status.js';
import { ApiError } from '../../http/errors.js';
import { importView, type ImportView } from '../api/import-view.js';
import type { SupportDependencies } from '../operator-dependencies.js';
import { columnHeaders, orNone, pagePath, statusBadge, time } from './html-values.js';
import { html, type SafeHtml } from './html.js';
import { page, type Notice } from './layout.js';
import { currentOperator, hasScope } from './session.js';

/** The notice after a retry was started (post, then redirect, then this page). */
const retryStartedNotice: Notice = { kind: 'info', text: 'Retry started; refresh to see the outcome.' };

function problems(kind: 'Issues' | 'Warnings', items: readonly PushIssue[]): SafeHtml {
  const id = kind.toLowerCase();
  if (items.length === 0) {
    return html`<h2 id="${id}">${kind}</h2>
      <p>None.</p>`;
  }
  return html`<h2 id="${id}">${kind} (${items.length})</h2>
    <table aria-labelledby="${id}">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">What is wrong</th>
          <th scope="col">Code</th>
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (item) =>
            html`<tr>
              <th scope="row"><code>${item.path}</code></th>
              <td>${item.message}</td>
              <td><code>${item.code}</code></td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function documents(view: ImportView): SafeHtml {
  const written = view.documents;
  if (written === null)
    return html`<h2>Documents written</h2>
      <p>None.</p>`;
  return html`<h2>Documents written</h2>
    <dl class="facts">
      <dt>Appointment</dt>
      <dd><code>${written.appointmentId}</code></dd>
      <dt>Car</dt>
      <dd>${written.carId === null ? orNone(null) : html`<code>${written.carId}</code>`}</dd>
      <dt>Parties</dt>
      <dd>${written.partyIds.length === 0 ? orNone(null) : written.partyIds.map((id) => html`<code>${id}</code> `)}</dd>
    </dl>`;
}

function attempts(view: ImportView): SafeHtml {
  if (view.attempts.length === 0)
    return html`<h2>Retries</h2>
      <p>None yet.</p>`;
  return html`<h2>Retries (${view.attempts.length})</h2>
    <table>
      ${columnHeaders(['Attempt', 'Started', 'By', 'Workflow'])}
      <tbody>
        ${view.attempts.map(
          (attempt, index) =>
            html`<tr>
              <th scope="row">${index + 1}</th>
              <td>${time(attempt.at)}</td>
              <td>${attempt.by}</td>
              <td><a href="${attempt.webUiUrl}">${attempt.workflowId}</a></td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function retryButton(view: ImportView, operator: SignedInOperator): SafeHtml | string {
  if (view.status !== 'failed' || !hasScope(operator, 'retry')) return '';
  return html`<form method="post" action="${pagePath('imports', view.importId, 'retry')}">
    <button type="submit">Retry this import</button>
  </form>`;
}

/** An import's detail: what happened in words, every issue and warning, what it wrote, and where to look further. */
export function detailPage(view: ImportView, operator: SignedInOperator, notice?: Notice): string {
  return page({
    title: `Import of DMS number ${view.dmsNumber}`,
    operator,
    notice,
    body: html`<p id="status">${statusBadge(view.status)} ${view.statusInWords}</p>
      <div class="actions">
        ${retryButton(view, operator)}
        <a href="${pagePath('timeline', view.garageId, view.dmsNumber)}">Every push for this appointment</a>
        <a href="${view.webUiUrl}">Workflow in the Temporal Web UI</a>
      </div>
      <dl class="facts">
        <dt>Garage</dt>
        <dd>${view.garageId}</dd>
        <dt>DMS number</dt>
        <dd>${view.dmsNumber}</dd>
        <dt>WO number</dt>
        <dd>${orNone(view.woNumber)}</dd>
        <dt>Registration</dt>
        <dd>${orNone(view.registration)}</dd>
        <dt>Event</dt>
        <dd>${orNone(view.event)}</dd>
        <dt>Sent by Carsys</dt>
        <dd>${time(view.sentAt)}</dd>
        <dt>Received</dt>
        <dd>${time(view.receivedAt)}</dd>
        <dt>Finished</dt>
        <dd>${time(view.finishedAt)}</dd>
        <dt>Message id</dt>
        <dd>${orNone(view.messageId)}</dd>
        <dt>Import id</dt>
        <dd><code>${view.importId}</code></dd>
        <dt>Workflow id</dt>
        <dd><code>${view.workflowId}</code></dd>
      </dl>
      ${problems('Issues', view.issues)} ${problems('Warnings', view.warnings)} ${documents(view)} ${attempts(view)}`,
  });
}

/** Reads one import for its page, or answers 404. */
export async function loadImport(deps: SupportDependencies, importId: string): Promise<ImportView> {
  const record = await deps.queries.find(importId);
  if (record === null) throw new ApiError(404, 'not_found', 'There is no import with this id.');
  return importView(record, deps.links);
}

/** `GET /support/imports/:importId`. */
export function importDetail(deps: SupportDependencies) {
  return async (req: Request, res: Response): Promise<void> => {
    const view = await loadImport(deps, String(req.params['importId']));
    // Once the retry has an outcome other than failing again, the notice would only be noise.
    const pending = view.status === 'failed' || view.status === 'accepted';
    const notice = req.query['retry'] === 'started' && pending ? retryStartedNotice : undefined;
    res.send(detailPage(view, currentOperator(res), notice));
  };
}
