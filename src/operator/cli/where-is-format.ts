import { table } from './text-table.js';

type Row = Record<string, unknown>;
type Problem = { path: string; message: string };

const text = (value: unknown): string =>
  value === null || value === undefined ? '-' : typeof value === 'string' ? value : JSON.stringify(value);

function caseLines(appointment: Row): string[] {
  const lines: string[] = [];
  const issues = (appointment['issues'] as Problem[] | undefined) ?? [];
  for (const issue of issues) lines.push(`  issue    ${issue.path}: ${issue.message}`);
  const retry = appointment['retry'] as { outcome: string; wouldSucceed: boolean; issues: Problem[] } | undefined;
  if (retry !== undefined && retry !== null) {
    lines.push(
      `  retry    ${retry.wouldSucceed ? 'would now succeed' : `would end ${retry.outcome}`} (dry run, nothing written)`,
    );
    for (const issue of retry.issues) lines.push(`           still ${issue.path}: ${issue.message}`);
  }
  for (const [label, key] of [
    ['dated', 'appointmentAt'],
    ['created', 'createdInDmsAt'],
    ['swapped', 'swappedAppointmentAt'],
    ['since', 'since'],
    ['claire', 'claireStatus'],
  ] as const) {
    if (key in appointment) lines.push(`  ${label.padEnd(8)} ${text(appointment[key])}`);
  }
  for (const key of ['newer', 'cancelledBy', 'shownVersion'] as const) {
    const ref = appointment[key] as Row | null | undefined;
    if (ref !== undefined && ref !== null) {
      lines.push(
        `  ${key.padEnd(8)} ${text(ref['importId'])} sent ${text(ref['sentAt'])} received ${text(ref['receivedAt'])}`,
      );
    }
  }
  const progress = appointment['progress'] as { known: boolean; pendingSteps?: Row[] } | null | undefined;
  for (const step of progress?.pendingSteps ?? []) {
    lines.push(
      `  waits on ${text(step['activity'])}, attempt ${text(step['attempt'])}, last failure ${text(step['lastFailure'])}, next ${text(step['nextAttemptAt'])}`,
    );
  }
  return lines;
}

/** The "where is my work order?" answer as text for a terminal: the case and its words first, then the evidence. */
export function whereIsText(answer: Row): string {
  const refused = answer['refused'] as { total: number; byReason: Row[] };
  const period = answer['period'] as { from: string; to: string };
  const appointments = (answer['appointments'] as Row[] | undefined) ?? [];
  const lines = [
    `${text(answer['case'])}  garage ${text(answer['garageId'])}, "${text(answer['number'])}"`,
    text(answer['inWords']),
    '',
    `last push from this garage: ${text(answer['lastPushAt'])}`,
    `other garages with this number: ${((answer['otherGarages'] as string[] | undefined) ?? []).join(', ') || '-'}`,
    `refused from ${period.from} to ${period.to}: ${refused.total}`,
  ];
  if (refused.byReason.length > 0) lines.push(table(refused.byReason, ['count', 'code', 'lastAt', 'meaning']));
  for (const run of (answer['unrecorded'] as Row[] | undefined) ?? []) {
    lines.push(
      '',
      `not yet in the import log: workflow ${text(run['workflowId'])} started ${text(run['startedAt'])}`,
      ...caseLines(run),
    );
  }
  for (const appointment of appointments) {
    lines.push(
      '',
      `DMS ${text(appointment['dmsNumber'])}  WO ${text(appointment['woNumber'])}  ${text(appointment['case'])}`,
      `  ${text(appointment['inWords'])}`,
      ...caseLines(appointment),
      table((appointment['pushes'] as Row[] | undefined) ?? [], ['receivedAt', 'sentAt', 'event', 'status', 'importId'])
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n'),
    );
  }
  return lines.join('\n');
}
