import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { createLogger } from '../../src/logging/logger.js';
import { installTemporalRuntime } from '../../src/temporal/runtime.js';
import { workflowBundle } from '../support/pipeline.js';
import {
  payloadEncodings,
  personalDataIn,
  personalValues,
  readRecordedHistories,
  recordedPaths,
  replayDataConverter,
  type HistoryFile,
} from '../replay/recorded-histories.js';

// Imports in flight when a worker with new code starts are replayed by it (docs/versioning.md): every recorded
// path must replay on the current workflow code without a nondeterminism error.
const previousWorkflows = fileURLToPath(new URL('../fixtures/previous-workflow/index.ts', import.meta.url));
const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} };
let histories: HistoryFile[];
before(() => {
  installTemporalRuntime(createLogger({ level: 'warn', name: 'replay-test' }));
  histories = readRecordedHistories();
});

function workflowIdOf(history: HistoryFile): string {
  const started = (history.json as { events: { workflowExecutionStartedEventAttributes?: unknown }[] }).events[0];
  const attributes = started?.workflowExecutionStartedEventAttributes as { workflowId?: string } | undefined;
  return attributes?.workflowId ?? history.name;
}

type MarkerEvent = {
  markerRecordedEventAttributes?: { markerName?: string; details?: { data?: { payloads?: { data?: string }[] } } };
};

/** The local activities a history ran, in order, from the markers the SDK's core records (their data is plain JSON). */
function localActivityTypes(history: HistoryFile): string[] {
  return (history.json as { events: MarkerEvent[] }).events.flatMap((event) => {
    const marker = event.markerRecordedEventAttributes;
    const data = marker?.details?.data?.payloads?.[0]?.data;
    if (marker?.markerName !== 'core_local_activity' || data === undefined) return [];
    return [(JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { activity_type: string }).activity_type];
  });
}

describe('replay of recorded import histories', () => {
  it('when the histories folder is read, then it holds one history per path an import can take', () => {
    const current = histories.filter((history) => !history.name.includes('/'));
    assert.deepEqual(current.map((history) => history.name).sort(), [...recordedPaths].sort());
  });

  it('when the import log was down longer than its local step allows, then the recorded history shows the step moved to a regular activity', () => {
    const recorded = histories.find((history) => history.name === 'import-log-outage');
    assert.ok(recorded !== undefined);
    const events = (
      recorded.json as { events: { activityTaskScheduledEventAttributes?: { activityType?: { name?: string } } }[] }
    ).events;
    const scheduled = events.map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name);
    assert.ok(
      scheduled.includes('deduplicatePush'),
      `regular activities scheduled: ${scheduled.filter(Boolean).join(', ')}`,
    );
  });

  it('when a push was imported, then the recorded history checked and mapped it in one local step, and the history before the patch in two', () => {
    const localSteps = (name: string): string[] => {
      const recorded = histories.find((history) => history.name === name);
      assert.ok(recorded !== undefined, `${name} is recorded`);
      return localActivityTypes(recorded);
    };
    assert.deepEqual(localSteps('imported'), ['deduplicatePush', 'validateAndMapPush', 'recordOutcome']);
    assert.deepEqual(localSteps('before-validate-and-map-in-one-step/imported'), [
      'deduplicatePush',
      'validatePush',
      'mapPush',
      'recordOutcome',
    ]);
  });

  it('when every history is replayed on the current workflow code, then none is nondeterministic', async () => {
    const { code } = await workflowBundle();
    const results: { name: string; error: string | undefined }[] = [];
    const byWorkflowId = new Map(histories.map((history) => [workflowIdOf(history), history.name]));
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { code }, dataConverter: replayDataConverter() },
      histories.map((history) => ({ workflowId: workflowIdOf(history), history: history.json })),
    )) {
      results.push({ name: byWorkflowId.get(result.workflowId) ?? result.workflowId, error: result.error?.message });
    }
    assert.equal(results.length, histories.length, 'every history was replayed');
    assert.deepEqual(
      results.filter((result) => result.error !== undefined),
      [],
    );
  });

  it('when the code before the patch replays a history recorded with it, then the replay reports the nondeterminism', async () => {
    // The frozen previous workflow (test/fixtures/previous-workflow) knows nothing of the final status an unplanned
    // failure now records: this is the error a deploy without a patch would have met in production.
    const previous = await bundleWorkflowCode({ workflowsPath: previousWorkflows, logger: quiet });
    const recorded = histories.find((history) => history.name === 'unplanned-failure');
    assert.ok(recorded !== undefined);
    await assert.rejects(
      Worker.runReplayHistory(
        { workflowBundle: { code: previous.code }, dataConverter: replayDataConverter() },
        recorded.json,
        workflowIdOf(recorded),
      ),
      (error: Error) => error.name === 'DeterminismViolationError' || /nondeterminism/i.test(error.message),
    );
  });

  it('when the histories are read, then every workflow input and step result is encrypted and no personal data is in clear text', () => {
    const values = personalValues();
    for (const history of histories) {
      assert.deepEqual(personalDataIn(history, values), [], `${history.name} holds personal data in clear text`);
      assert.ok(
        (payloadEncodings(history).get('binary/encrypted') ?? 0) >= 3,
        `${history.name} has encrypted payloads`,
      );
    }
  });

  it('when a history carried a push in clear text, then the personal data check finds it', () => {
    const [recorded] = histories;
    assert.ok(recorded !== undefined);
    const plain = Buffer.from(JSON.stringify({ lastName: 'de Vries', mobilePrivate: '06 12345678' })).toString(
      'base64',
    );
    const leaky: HistoryFile = {
      ...recorded,
      json: { events: [{ input: { payloads: [{ metadata: {}, data: plain }] } }] },
    };
    assert.deepEqual(personalDataIn(leaky, personalValues()), ['DEVRIES', '612345678']);
  });
});
