import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayAndMonthSwapped } from '../../src/domain/swapped-date.js';
import type { ImportStatus } from '../../src/domain/import-status.js';
import type { ImportSummary } from '../../src/store/import-queries.js';
import { dryRunPush } from '../../src/operator/dry-run-push.js';
import {
  diagnoseWorkOrder,
  type AppointmentEvidence,
  type AppointmentFacts,
  type WorkOrderEvidence,
} from '../../src/operator/work-order-diagnosis.js';
import type { WorkflowProgress } from '../../src/temporal/import-progress.js';
import { fixtureObject, readFixture } from '../support/fixtures.js';

const garageId = 'garage-unit';
const period = { from: new Date('2026-11-20T00:00:00Z'), to: new Date('2026-11-27T12:00:00Z') };

function push(id: string, status: ImportStatus, fields: Partial<ImportSummary> = {}): ImportSummary {
  return {
    _id: id,
    garageId,
    workflowId: `carsys-import/${garageId}/dms-184467/${id}`,
    runId: 'run',
    messageId: id,
    bodySha256: 'sha',
    dmsNumber: '184467',
    woNumber: 'WO-24-01873',
    registration: 'GB-123-X',
    event: 'appointment.upsert',
    sentAt: new Date('2026-11-27T09:00:00Z'),
    receivedAt: new Date('2026-11-27T09:00:01Z'),
    requestId: null,
    status,
    issues: [],
    warnings: [],
    attempts: [],
    finishedAt: status === 'accepted' ? null : new Date('2026-11-27T09:00:02Z'),
    documents: null,
    ...fields,
  };
}

function appointment(fields: Partial<AppointmentFacts> = {}): AppointmentFacts {
  return {
    appointmentAt: new Date('2026-12-01T08:30:00Z'),
    createdInDmsAt: new Date('2026-11-27T08:00:00Z'),
    cancelled: false,
    status: 'planned',
    warnings: [],
    writtenBy: { importId: 'imp-1', sentAt: new Date('2026-11-27T09:00:00Z') },
    ...fields,
  };
}

function evidence(appointments: AppointmentEvidence[], fields: Partial<WorkOrderEvidence> = {}): WorkOrderEvidence {
  return {
    garageId,
    number: 'WO-24-01873',
    period,
    lastPushAt: new Date('2026-11-27T09:00:01Z'),
    refusals: [],
    appointments,
    unrecorded: [],
    otherGarages: [],
    ...fields,
  };
}

function oneAppointment(fields: Partial<AppointmentEvidence>): AppointmentEvidence {
  return {
    dmsNumber: '184467',
    imports: [],
    appointment: null,
    writer: null,
    retryPredictions: {},
    progress: {},
    ...fields,
  };
}

describe('diagnoseWorkOrder: never arrived', () => {
  it('when no push has the number, then it says never arrived, the last push, and the refusals grouped by reason', () => {
    const at = (minute: number) => new Date(`2026-11-27T10:${String(minute).padStart(2, '0')}:00Z`);
    // The rejection log counts by the hour: one reason can come as several counts.
    const answer = diagnoseWorkOrder(
      evidence([], {
        refusals: [
          { code: 'invalid_signature', status: 401, count: 1, lastAt: at(2) },
          { code: 'invalid_signature', status: 401, count: 1, lastAt: at(9) },
          { code: 'timestamp_out_of_tolerance', status: 401, count: 1, lastAt: at(5) },
        ],
      }),
    );
    assert.equal(answer.case, 'never_arrived');
    assert.equal(answer.appointments.length, 0);
    assert.equal(answer.refused.total, 3);
    assert.deepEqual(
      answer.refused.byReason.map((group) => [group.code, group.count, group.lastAt.toISOString()]),
      [
        ['invalid_signature', 2, at(9).toISOString()],
        ['timestamp_out_of_tolerance', 1, at(5).toISOString()],
      ],
    );
    assert.match(answer.inWords, /^Never arrived: no push with .*“WO-24-01873” reached Claire from garage garage-unit/);
    assert.match(
      answer.inWords,
      /last push of anything from garage garage-unit arrived 27 Nov 2026, 10:00 \(Amsterdam\)/,
    );
    assert.match(answer.inWords, /2 × bad signature.*1 × old or future timestamp/);
    assert.match(answer.inWords, /Carsys is misconfigured/);
  });

  it('when the garage never pushed and nothing was refused, then it says both in words', () => {
    const answer = diagnoseWorkOrder(evidence([], { lastPushAt: null }));
    assert.equal(answer.case, 'never_arrived');
    assert.match(answer.inWords, /has never pushed anything/);
    assert.match(answer.inWords, /No request claiming to be from garage garage-unit was refused/);
    assert.doesNotMatch(answer.inWords, /misconfigured/);
  });

  it('when another garage pushed the number, then it says Carsys may send it under another garage id', () => {
    const answer = diagnoseWorkOrder(evidence([], { otherGarages: ['garage-a', 'garage-b'] }));
    assert.equal(answer.case, 'never_arrived');
    assert.deepEqual(answer.otherGarages, ['garage-a', 'garage-b']);
    assert.match(answer.inWords, /did arrive from garage garage-a, garage-b: Carsys may send/);
  });

  it('when only pushes too large were refused, then it gives the reason without blaming the configuration', () => {
    const answer = diagnoseWorkOrder(
      evidence([], { refusals: [{ code: 'body_too_large', status: 413, count: 1, lastAt: period.to }] }),
    );
    assert.match(answer.inWords, /1 × too large/);
    assert.doesNotMatch(answer.inWords, /misconfigured/);
  });
});

describe('diagnoseWorkOrder: arrived and failed', () => {
  const issues = [{ path: 'appointment.appointmentDate', code: 'invalid_date', message: 'is not a real date' }];

  it('when the newest push failed and a dry run passes, then it says why by field and that a retry would succeed', () => {
    const failed = push('imp-2', 'failed', { issues });
    const answer = diagnoseWorkOrder(
      evidence([
        oneAppointment({
          imports: [failed],
          retryPredictions: { 'imp-2': { outcome: 'imported', wouldSucceed: true, issues: [], warnings: [] } },
        }),
      ]),
    );
    const [only] = answer.appointments;
    assert.equal(answer.case, 'failed');
    assert.equal(only?.case, 'failed');
    assert.equal(only?.decisive.importId, 'imp-2');
    assert.match(answer.inWords, /failed: appointment\.appointmentDate is not a real date\./);
    assert.match(answer.inWords, /A retry would now succeed/);
    assert.ok(only?.case === 'failed' && only.retry?.wouldSucceed === true && only.shownVersion === null);
  });

  it('when a dry run still fails, then it says a retry would fail again and Carsys must correct it', () => {
    const answer = diagnoseWorkOrder(
      evidence([
        oneAppointment({
          imports: [push('imp-2', 'failed', { issues })],
          retryPredictions: { 'imp-2': { outcome: 'failed', wouldSucceed: false, issues, warnings: [] } },
        }),
      ]),
    );
    assert.match(answer.inWords, /A retry would fail again: 1 field\(s\)/);
  });

  it('when an earlier version was imported, then it names the version Claire shows instead', () => {
    const earlier = push('imp-1', 'imported', { receivedAt: new Date('2026-11-26T09:00:00Z') });
    const failed = push('imp-2', 'failed', { issues });
    const answer = diagnoseWorkOrder(
      evidence([oneAppointment({ imports: [earlier, failed], appointment: appointment(), writer: earlier })]),
    );
    const [only] = answer.appointments;
    assert.ok(only?.case === 'failed');
    assert.equal(only.shownVersion?.importId, 'imp-1');
    assert.match(answer.inWords, /Claire shows the earlier version received 26 Nov 2026/);
    assert.match(answer.inWords, /could not be worked out/);
  });
});

describe('diagnoseWorkOrder: imported, but not where the garage looks', () => {
  it('when the appointment was cancelled, then it says so and which push cancelled it', () => {
    const upsert = push('imp-1', 'imported', { receivedAt: new Date('2026-11-27T09:00:00Z') });
    const cancel = push('imp-2', 'imported', {
      event: 'appointment.cancel',
      receivedAt: new Date('2026-11-27T10:00:00Z'),
    });
    const answer = diagnoseWorkOrder(
      evidence([
        oneAppointment({
          imports: [upsert, cancel],
          appointment: appointment({ cancelled: true, writtenBy: { importId: 'imp-2', sentAt: period.to } }),
        }),
      ]),
    );
    const [only] = answer.appointments;
    assert.equal(answer.case, 'cancelled');
    assert.ok(only?.case === 'cancelled');
    assert.equal(only.cancelledBy?.importId, 'imp-2');
    assert.equal(only.cancelledBy?.event, 'appointment.cancel');
    assert.match(answer.inWords, /cancelled in Carsys \(the cancel arrived 27 Nov 2026, 11:00 \(Amsterdam\)\)/);
  });

  it('when the date is suspicious, then it shows both dates and the date with day and month swapped', () => {
    const appointmentAt = new Date('2019-10-06T07:00:00Z'); // 6 Oct 2019 09:00 Amsterdam, typed for 10 June
    const createdInDmsAt = new Date('2019-05-20T08:00:00Z');
    const answer = diagnoseWorkOrder(
      evidence([
        oneAppointment({
          imports: [push('imp-1', 'imported')],
          appointment: appointment({ appointmentAt, createdInDmsAt, warnings: ['suspicious_date'] }),
        }),
      ]),
    );
    const [only] = answer.appointments;
    assert.equal(answer.case, 'suspicious_date');
    assert.ok(only?.case === 'suspicious_date');
    assert.equal(only.appointmentAt?.toISOString(), appointmentAt.toISOString());
    assert.equal(only.createdInDmsAt?.toISOString(), createdInDmsAt.toISOString());
    assert.equal(only.swappedAppointmentAt?.toISOString(), '2019-06-10T07:00:00.000Z');
    assert.match(answer.inWords, /dated 6 Oct 2019, 09:00 \(Amsterdam\) while it was created 20 May 2019/);
    assert.match(answer.inWords, /With day and month swapped it would be 10 Jun 2019, 09:00 \(Amsterdam\)/);
  });

  it('when an older version was skipped because a newer one was there, then it names the newer one', () => {
    const newer = push('imp-new', 'imported', {
      sentAt: new Date('2026-11-27T10:00:00Z'),
      receivedAt: new Date('2026-11-27T10:00:01Z'),
    });
    const stale = push('imp-old', 'skipped_stale', {
      sentAt: new Date('2026-11-27T08:00:00Z'),
      receivedAt: new Date('2026-11-27T10:05:00Z'),
    });
    const answer = diagnoseWorkOrder(
      evidence([
        oneAppointment({
          imports: [newer, stale],
          appointment: appointment({ writtenBy: { importId: 'imp-new', sentAt: newer.sentAt ?? period.to } }),
        }),
      ]),
    );
    const [only] = answer.appointments;
    assert.equal(answer.case, 'skipped_stale');
    assert.ok(only?.case === 'skipped_stale');
    assert.equal(only.decisive.importId, 'imp-old');
    assert.equal(only.newer?.importId, 'imp-new');
    assert.match(
      answer.inWords,
      /newer version of this appointment \(sent 27 Nov 2026, 11:00 \(Amsterdam\), import imp-new\)/,
    );
  });

  it('when the newer version is only known from the appointment, then the writer read apart is named', () => {
    const stale = push('imp-old', 'skipped_stale');
    const writer = push('imp-elsewhere', 'imported', { woNumber: null });
    const answer = diagnoseWorkOrder(
      evidence([
        oneAppointment({
          imports: [stale],
          appointment: appointment({ writtenBy: { importId: 'imp-elsewhere', sentAt: period.to } }),
          writer,
        }),
      ]),
    );
    assert.ok(answer.appointments[0]?.case === 'skipped_stale');
    assert.equal(answer.appointments[0].newer?.importId, 'imp-elsewhere');
  });

  it('when work had started, then it says so with the Claire status', () => {
    const answer = diagnoseWorkOrder(
      evidence([
        oneAppointment({
          imports: [push('imp-1', 'imported'), push('imp-2', 'skipped_work_started', { receivedAt: period.to })],
          appointment: appointment({ status: 'work_started' }),
        }),
      ]),
    );
    assert.equal(answer.case, 'skipped_work_started');
    assert.ok(answer.appointments[0]?.case === 'skipped_work_started');
    assert.equal(answer.appointments[0].claireStatus, 'work_started');
    assert.match(answer.inWords, /work on this appointment has started in Claire \(status work_started\)/);
  });

  it('when it was imported with nothing wrong, then it says on which day the garage finds it', () => {
    const answer = diagnoseWorkOrder(
      evidence([oneAppointment({ imports: [push('imp-1', 'imported')], appointment: appointment() })]),
    );
    assert.equal(answer.case, 'imported');
    assert.match(answer.inWords, /for 1 Dec 2026, 09:30 \(Amsterdam\): the garage should find it/);
  });

  it('when a resend was counted as a duplicate after the import, then the import decides, not the duplicate', () => {
    const answer = diagnoseWorkOrder(
      evidence([
        oneAppointment({
          imports: [push('imp-1', 'imported'), push('imp-dup', 'skipped_duplicate', { receivedAt: period.to })],
          appointment: appointment({ cancelled: true }),
        }),
      ]),
    );
    assert.equal(answer.case, 'cancelled');
    assert.equal(answer.appointments[0]?.decisive.importId, 'imp-1');
  });
});

describe('diagnoseWorkOrder: still importing', () => {
  const retrying: WorkflowProgress = {
    known: true,
    workflowId: 'wf',
    status: 'running',
    pendingSteps: [
      {
        activity: 'upsertDocuments',
        state: 'scheduled',
        attempt: 6,
        lastFailure: 'connect ECONNREFUSED 127.0.0.1:27017',
        lastStartedAt: new Date('2026-11-27T09:01:00Z'),
        nextAttemptAt: new Date('2026-11-27T09:01:30Z'),
      },
    ],
    waitingForWorkerSince: null,
  };

  it('when the upsert is retrying because the database is down, then it says since when and what it waits on', () => {
    const running = push('imp-1', 'accepted');
    const answer = diagnoseWorkOrder(
      evidence([oneAppointment({ imports: [push('imp-0', 'failed'), running], progress: { 'imp-1': retrying } })]),
    );
    const [only] = answer.appointments;
    assert.equal(answer.case, 'still_importing');
    assert.ok(only?.case === 'still_importing');
    assert.equal(only.since.toISOString(), running.receivedAt.toISOString());
    assert.match(answer.inWords, /Still importing since 27 Nov 2026, 10:00 \(Amsterdam\)/);
    assert.match(answer.inWords, /waits on step upsertDocuments, attempt 6/);
    assert.match(answer.inWords, /"connect ECONNREFUSED 127\.0\.0\.1:27017"/);
    assert.match(answer.inWords, /Next attempt 27 Nov 2026, 10:01/);
  });

  it('when the workflow runs but the import log does not hold it yet, then it is still importing, not never arrived', () => {
    const startedAt = new Date('2026-11-27T09:30:00Z');
    const answer = diagnoseWorkOrder(
      evidence([], {
        unrecorded: [
          {
            workflowId: 'carsys-import/garage-unit/dms-1/m',
            dmsNumber: '1',
            woNumber: 'WO-24-01873',
            startedAt,
            progress: { ...retrying, pendingSteps: [] },
          },
        ],
      }),
    );
    assert.equal(answer.case, 'still_importing');
    assert.equal(answer.appointments.length, 0);
    assert.equal(answer.unrecorded[0]?.workflowId, 'carsys-import/garage-unit/dms-1/m');
    assert.match(answer.inWords, /^Still importing: Carsys's push arrived 27 Nov 2026, 10:30 \(Amsterdam\)/);
    assert.match(answer.inWords, /not yet recorded it in the import log/);
  });

  it('when a retry by support is running, then "since" is when the retry started', () => {
    const at = new Date('2026-11-27T11:11:00Z');
    const answer = diagnoseWorkOrder(
      evidence([
        oneAppointment({
          imports: [
            push('imp-1', 'accepted', { attempts: [{ at, workflowId: 'wf/retry-1', runId: 'r', by: 'alice' }] }),
          ],
        }),
      ]),
    );
    assert.ok(answer.appointments[0]?.case === 'still_importing');
    assert.equal(answer.appointments[0].since.toISOString(), at.toISOString());
    assert.match(answer.inWords, /Temporal was not asked/);
  });

  it('when no worker picks the workflow up, then it says it waits for a worker', () => {
    const waiting: WorkflowProgress = { ...retrying, pendingSteps: [], waitingForWorkerSince: period.to };
    const answer = diagnoseWorkOrder(
      evidence([oneAppointment({ imports: [push('imp-1', 'accepted')], progress: { 'imp-1': waiting } })]),
    );
    assert.match(answer.inWords, /waits for a worker to run its next step, since 27 Nov 2026, 13:00/);
  });

  it('when Temporal cannot be asked, or the workflow already ended, then it says that instead', () => {
    const unknown: WorkflowProgress = { known: false, workflowId: 'wf', reason: 'Temporal could not be asked.' };
    const ended: WorkflowProgress = { ...retrying, status: 'terminated', pendingSteps: [] };
    const ask = (progress: WorkflowProgress) =>
      diagnoseWorkOrder(
        evidence([oneAppointment({ imports: [push('imp-1', 'accepted')], progress: { 'imp-1': progress } })]),
      ).inWords;
    assert.match(ask(unknown), /Temporal could not be asked\./);
    assert.match(ask(ended), /Its workflow is terminated, yet the import log still says/);
  });
});

describe('diagnoseWorkOrder: several appointments', () => {
  it('when a registration leads to two appointments, then the newest decides the case and both are answered', () => {
    const older = oneAppointment({
      dmsNumber: '100',
      imports: [push('a', 'imported', { dmsNumber: '100', receivedAt: new Date('2026-11-01T09:00:00Z') })],
      appointment: appointment(),
    });
    const newer = oneAppointment({
      dmsNumber: '200',
      imports: [push('b', 'failed', { dmsNumber: '200', receivedAt: new Date('2026-11-27T09:00:00Z') })],
    });
    const answer = diagnoseWorkOrder(evidence([older, newer], { number: 'GB-123-X' }));
    assert.equal(answer.case, 'failed');
    assert.deepEqual(
      answer.appointments.map((item) => [item.dmsNumber, item.case]),
      [
        ['200', 'failed'],
        ['100', 'imported'],
      ],
    );
    assert.match(answer.inWords, /^DMS number 200: .*leads to 2 appointments/);
  });
});

describe('dryRunPush', () => {
  const receivedAt = new Date('2026-11-27T10:00:05Z');

  it('when the stored push is valid now and nothing newer is stored, then a retry would import it', () => {
    const prediction = dryRunPush({
      rawBody: readFixture('valid-full'),
      importId: 'imp',
      receivedAt,
      appointment: null,
      keepImportingAfterWorkStarted: false,
    });
    assert.deepEqual([prediction.outcome, prediction.wouldSucceed, prediction.issues], ['imported', true, []]);
  });

  it('when the stored push breaks the current rules, then it fails again with the issues by path', () => {
    const prediction = dryRunPush({
      rawBody: readFixture('invalid-fields'),
      importId: 'imp',
      receivedAt,
      appointment: null,
      keepImportingAfterWorkStarted: false,
    });
    assert.equal(prediction.outcome, 'failed');
    assert.ok(prediction.issues.some((issue) => issue.path === 'appointment.appointmentDate'));
  });

  it('when a body is not JSON, then it fails with invalid_json', () => {
    const prediction = dryRunPush({
      rawBody: '{"appointment":',
      importId: 'imp',
      receivedAt,
      appointment: null,
      keepImportingAfterWorkStarted: false,
    });
    assert.deepEqual(
      prediction.issues.map((issue) => issue.code),
      ['invalid_json'],
    );
  });

  it('when a newer version is stored, or work has started, then a retry would be skipped as the writer would', () => {
    const body = fixtureObject('valid-full');
    const sentAt = new Date(String(body['sentAt']));
    const ask = (stored: { sentAt: Date; status: string }, keep = false) =>
      dryRunPush({
        rawBody: JSON.stringify(body),
        importId: 'imp',
        receivedAt,
        appointment: { ...stored, importId: 'other' },
        keepImportingAfterWorkStarted: keep,
      }).outcome;
    assert.equal(ask({ sentAt: new Date(sentAt.getTime() + 1000), status: 'planned' }), 'skipped_stale');
    assert.equal(ask({ sentAt, status: 'planned' }), 'skipped_stale', 'equal sentAt: the first one wins');
    assert.equal(ask({ sentAt: new Date(sentAt.getTime() - 1000), status: 'work_started' }), 'skipped_work_started');
    assert.equal(ask({ sentAt: new Date(sentAt.getTime() - 1000), status: 'work_started' }, true), 'imported');
    assert.equal(ask({ sentAt: new Date(sentAt.getTime() - 1000), status: 'planned' }), 'imported');
  });

  it('when the stored appointment was written by this very push, then a retry would import (its own retry)', () => {
    const prediction = dryRunPush({
      rawBody: readFixture('valid-full'),
      importId: 'imp',
      receivedAt,
      appointment: { sentAt: new Date('2030-01-01T00:00:00Z'), status: 'planned', importId: 'imp' },
      keepImportingAfterWorkStarted: false,
    });
    assert.equal(prediction.outcome, 'imported');
  });
});

describe('dayAndMonthSwapped', () => {
  it('when day and month can swap, then it keeps the Dutch wall-clock time across a DST change', () => {
    // 6 Oct 2019 09:00 (+02:00) becomes 10 Jun 2019 09:00 (+02:00); 3 Feb 09:00 (+01:00) becomes 2 Mar 09:00 (+01:00).
    assert.equal(dayAndMonthSwapped(new Date('2019-10-06T07:00:00Z'))?.toISOString(), '2019-06-10T07:00:00.000Z');
    assert.equal(dayAndMonthSwapped(new Date('2027-02-03T08:00:00Z'))?.toISOString(), '2027-03-02T08:00:00.000Z');
    // 4 Nov 09:00 (+01:00) becomes 11 Apr 09:00 (+02:00): same wall clock, another offset.
    assert.equal(dayAndMonthSwapped(new Date('2026-11-04T08:00:00Z'))?.toISOString(), '2026-04-11T07:00:00.000Z');
  });

  it('when the day is over 12 or equals the month, then there is no swapped date', () => {
    assert.equal(dayAndMonthSwapped(new Date('2026-11-27T08:00:00Z')), null);
    assert.equal(dayAndMonthSwapped(new Date('2026-05-05T08:00:00Z')), null);
  });
});
