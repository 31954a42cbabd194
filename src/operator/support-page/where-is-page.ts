import type { Request, Response } from 'express';
import type { SignedInOperator } from '../operator-auth.js';
import type { PushIssue } from '../../domain/import-status.js';
import type { AppointmentAnswer, PushRef, WorkOrderAnswer, WorkOrderCase } from '../work-order-diagnosis.js';
import type { WorkflowProgress } from '../../temporal/import-progress.js';
import type { SupportDependencies } from '../operator-dependencies.js';
import { WhereIsQuery } from '../api/where-is-schema.js';
import { columnHeaders, orNone, pagePath, statusBadge, time } from './html-values.js';
import { filledFields, parseForm } from './form-input.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';
import { currentOperator, hasScope } from './session.js';

/** Each case as a short label; the colour only repeats what the words say. */
const caseLabels: Readonly<Record<WorkOrderCase, { label: string; colour: string }>> = {
  never_arrived: { label: 'Never arrived', colour: 'failed' },
  still_importing: { label: 'Still importing', colour: 'accepted' },
  failed: { label: 'Arrived and failed', colour: 'failed' },
  cancelled: { label: 'Imported, but cancelled', colour: 'skipped_stale' },
  suspicious_date: { label: 'Imported, with a suspicious date', colour: 'skipped_stale' },
  skipped_stale: { label: 'Skipped: an older version', colour: 'skipped_stale' },
  skipped_work_started: { label: 'Skipped: work had started', colour: 'skipped_stale' },
  imported: { label: 'Imported', colour: 'imported' },
};

function caseBadge(workOrderCase: WorkOrderCase): SafeHtml {
  const { label, colour } = caseLabels[workOrderCase];
  return html`<span class="status status-${colour}" data-case="${workOrderCase}">${label}</span>`;
}

function importLink(ref: PushRef, text: string): SafeHtml {
  return html`<a href="${pagePath('imports', ref.importId)}">${text}</a>`;
}

function questionForm(garageIds: readonly string[], garageId?: string, number?: string): SafeHtml {
  return html`<form method="get" action="/support/where-is" class="search" role="search">
      <div class="field">
        <label for="garageId">Garage id</label>
        <input id="garageId" name="garageId" type="text" list="garages" value="${garageId ?? ''}" required />
        <datalist id="garages">${garageIds.map((id) => html`<option value="${id}"></option>`)}</datalist>
      </div>
      <div class="field">
        <label for="number">WO number, registration or DMS number</label>
        <input id="number" name="number" type="search" value="${number ?? ''}" required />
      </div>
      <button type="submit">Find out</button>
    </form>
    <p class="hint">The garage says a work order is missing in Claire: this says which case it is, and shows why.</p>`;
}

function refusalsTable(answer: WorkOrderAnswer): SafeHtml {
  const { byReason, total } = answer.refused;
  if (total === 0) return html`<p id="refused">No request claiming to be from this garage was refused.</p>`;
  return html`<table id="refused">
    <caption>
      ${total} refused request${total === 1 ? '' : 's'} claiming to be from garage ${answer.garageId}, by reason.
    </caption>
    ${columnHeaders(['Reason', 'Requests', 'Last one', 'Code'])}
    <tbody>
      ${byReason.map(
        (group) =>
          html`<tr>
            <th scope="row">${group.meaning}</th>
            <td>${group.count}</td>
            <td>${time(group.lastAt)}</td>
            <td><code>${group.code}</code> (HTTP ${group.status})</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function garageFacts(answer: WorkOrderAnswer): SafeHtml {
  return html`<h2 id="garage-heading">What the garage sent</h2>
    <dl class="facts" aria-labelledby="garage-heading">
      <dt>Last push of anything</dt>
      <dd id="last-push">${time(answer.lastPushAt)}</dd>
      <dt>Other garages with this number</dt>
      <dd id="other-garages">${answer.otherGarages.length === 0 ? orNone(null) : answer.otherGarages.join(', ')}</dd>
      <dt>Refusals counted from</dt>
      <dd>${time(answer.period.from)}</dd>
      <dt>until</dt>
      <dd>${time(answer.period.to)}</dd>
    </dl>
    ${refusalsTable(answer)}`;
}

function issuesTable(caption: string, issues: readonly PushIssue[]): SafeHtml | string {
  if (issues.length === 0) return '';
  return html`<table>
    <caption>
      ${caption}
    </caption>
    ${columnHeaders(['Field', 'What is wrong', 'Code'])}
    <tbody>
      ${issues.map(
        (issue) =>
          html`<tr>
            <th scope="row"><code>${issue.path}</code></th>
            <td>${issue.message}</td>
            <td><code>${issue.code}</code></td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function progressTable(progress: WorkflowProgress | null, webUiUrl: (workflowId: string) => string): SafeHtml | string {
  if (progress === null) return '';
  const link = html`<p><a href="${webUiUrl(progress.workflowId)}">Workflow in the Temporal Web UI</a></p>`;
  if (!progress.known || progress.pendingSteps.length === 0) return link;
  return html`<table class="pending">
      <caption>
        Steps the workflow waits on (Temporal's pending activities).
      </caption>
      ${columnHeaders(['Step', 'State', 'Attempt', 'Last failure', 'Last started', 'Next attempt'])}
      <tbody>
        ${progress.pendingSteps.map(
          (step) =>
            html`<tr>
              <th scope="row"><code>${step.activity}</code></th>
              <td>${step.state}</td>
              <td>${step.attempt}</td>
              <td>${orNone(step.lastFailure)}</td>
              <td>${time(step.lastStartedAt)}</td>
              <td>${time(step.nextAttemptAt)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${link}`;
}

function pushLine(label: string, ref: PushRef | null): SafeHtml {
  return html`<dt>${label}</dt>
    <dd>
      ${
        ref === null
          ? orNone(null)
          : html`sent ${time(ref.sentAt)}, received ${time(ref.receivedAt)}: ${importLink(ref, 'that import')}`
      }
    </dd>`;
}

function retryForm(answer: AppointmentAnswer, operator: SignedInOperator): SafeHtml | string {
  if (!hasScope(operator, 'retry')) return '';
  return html`<form method="post" action="${pagePath('imports', answer.decisive.importId, 'retry')}">
    <button type="submit">Retry this import</button>
  </form>`;
}

function caseEvidence(
  answer: AppointmentAnswer,
  operator: SignedInOperator,
  webUiUrl: (workflowId: string) => string,
): SafeHtml | string {
  switch (answer.case) {
    case 'still_importing':
      return html`<dl class="facts">
          <dt>Importing since</dt>
          <dd>${time(answer.since)}</dd>
        </dl>
        ${progressTable(answer.progress, webUiUrl)}`;
    case 'failed': {
      const retry = answer.retry;
      const verdict =
        retry === null
          ? 'The stored push could not be read, so a dry run was not possible.'
          : retry.wouldSucceed
            ? 'Dry run with the current code: a retry would now succeed.'
            : `Dry run with the current code: a retry would end ${retry.outcome.replace(/_/g, ' ')}.`;
      return html`${issuesTable('Why it failed, by field.', answer.issues)}
        <p class="retry-verdict">${verdict} Nothing was written.</p>
        ${issuesTable('Fields the current code still refuses.', retry?.issues ?? [])}
        ${retry?.wouldSucceed === true ? retryForm(answer, operator) : ''}
        <dl class="facts">${pushLine('Claire shows instead', answer.shownVersion)}</dl>`;
    }
    case 'cancelled':
      return html`<dl class="facts">${pushLine('Cancelled by', answer.cancelledBy)}</dl>`;
    case 'suspicious_date':
      return html`<dl class="facts">
        <dt>Appointment date</dt>
        <dd>${time(answer.appointmentAt)}</dd>
        <dt>Created in Carsys</dt>
        <dd>${time(answer.createdInDmsAt)}</dd>
        <dt>With day and month swapped</dt>
        <dd>${time(answer.swappedAppointmentAt)}</dd>
      </dl>`;
    case 'skipped_stale':
      return html`<dl class="facts">
        ${pushLine('This older version', answer.decisive)} ${pushLine('The newer version already there', answer.newer)}
      </dl>`;
    case 'skipped_work_started':
      return html`<dl class="facts">
        <dt>Claire status</dt>
        <dd>${orNone(answer.claireStatus)}</dd>
      </dl>`;
    case 'imported':
      return html`<dl class="facts">
        <dt>Appointment date</dt>
        <dd>${time(answer.appointmentAt)}</dd>
      </dl>`;
  }
}

function pushesTable(answer: AppointmentAnswer): SafeHtml {
  return html`<table>
    <caption>
      Every push for DMS number ${answer.dmsNumber}, newest received first.
    </caption>
    ${columnHeaders(['Received', 'Sent by Carsys', 'Event', 'Status', 'Import'])}
    <tbody>
      ${answer.pushes.map(
        (ref) =>
          html`<tr>
            <th scope="row">${time(ref.receivedAt)}</th>
            <td>${time(ref.sentAt)}</td>
            <td>${orNone(ref.event)}</td>
            <td>${statusBadge(ref.status)}</td>
            <td>${importLink(ref, 'Details')}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function appointmentSection(
  answer: AppointmentAnswer,
  operator: SignedInOperator,
  webUiUrl: (workflowId: string) => string,
  alone: boolean,
): SafeHtml {
  const id = `appointment-${answer.dmsNumber}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return html`<section class="appointment" aria-labelledby="${id}">
    <h2 id="${id}">DMS number ${answer.dmsNumber}${answer.woNumber === null ? '' : `, WO ${answer.woNumber}`}</h2>
    ${alone ? '' : html`<p class="verdict">${caseBadge(answer.case)} ${answer.inWords}</p>`}
    ${caseEvidence(answer, operator, webUiUrl)} ${pushesTable(answer)}
  </section>`;
}

function unrecordedSection(answer: WorkOrderAnswer, webUiUrl: (workflowId: string) => string): SafeHtml | string {
  if (answer.unrecorded.length === 0) return '';
  return html`<section class="appointment" aria-labelledby="unrecorded-heading">
    <h2 id="unrecorded-heading">Received, not yet in the import log</h2>
    ${answer.unrecorded.map(
      (run) =>
        html`<dl class="facts">
            <dt>DMS number</dt>
            <dd>${orNone(run.dmsNumber)}</dd>
            <dt>WO number</dt>
            <dd>${orNone(run.woNumber)}</dd>
            <dt>Workflow started</dt>
            <dd>${time(run.startedAt)}</dd>
            <dt>Workflow id</dt>
            <dd><code>${run.workflowId}</code></dd>
          </dl>
          ${progressTable(run.progress ?? { known: false, workflowId: run.workflowId, reason: '' }, webUiUrl)}`,
    )}
  </section>`;
}

/** The answer as a page: the case in words first, then the evidence, each appointment in its own section. */
export function whereIsAnswerHtml(
  answer: WorkOrderAnswer,
  operator: SignedInOperator,
  webUiUrl: (workflowId: string) => string,
): SafeHtml {
  return html`<section id="answer" aria-label="Answer">
    <p class="verdict" id="verdict">${caseBadge(answer.case)} ${answer.inWords}</p>
    ${answer.appointments.map((appointment) =>
      // With one appointment the verdict above already says it.
      appointmentSection(appointment, operator, webUiUrl, answer.appointments.length === 1),
    )}
    ${unrecordedSection(answer, webUiUrl)} ${garageFacts(answer)}
  </section>`;
}

/** `GET /support/where-is?garageId&number`: where is my work order? */
export function whereIsPage(deps: SupportDependencies) {
  return async (req: Request, res: Response): Promise<void> => {
    const operator = currentOperator(res);
    const fields = filledFields(req.query, ['garageId', 'number', 'from', 'to']);
    const garageIds = (await deps.silence()).garages.map((garage) => garage.garageId);
    // A number alone (from the search page) only fills the form in: the garage is still to be chosen.
    const asked = fields.garageId !== undefined;
    const question = asked ? parseForm(WhereIsQuery, fields) : undefined;
    const answer = question === undefined ? undefined : await deps.whereIs(question);
    res.send(
      page({
        title: 'Where is my work order?',
        operator,
        body: html`${questionForm(garageIds, fields.garageId, fields.number)}
        ${answer === undefined ? '' : whereIsAnswerHtml(answer, operator, deps.links.workflow)}`,
      }),
    );
  };
}
