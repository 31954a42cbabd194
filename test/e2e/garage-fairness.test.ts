import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import type { GarageConfig } from '../../src/config.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { testSetup } from '../support/test-env.js';
import { pushBody } from '../support/push-body.js';
import { sendPush } from '../support/push-client.js';
import { waitForImportFinished } from '../support/wait-for.js';

let pipeline: Pipeline;
let connection: Connection;
let client: Client;

before(async () => {
  pipeline = await startPipeline();
  connection = await Connection.connect({ address: pipeline.config.temporal.address });
  client = new Client({ connection });
});
after(async () => {
  await connection?.close();
  await pipeline?.close();
});

/** Sends one push of the garage through the receiver and waits until its import has finished. */
async function importOnePush(garage: GarageConfig, dmsNumber: string, through: Pipeline = pipeline) {
  const body = pushBody({ messageId: randomUUID(), appointment: { dmsNumber } });
  const answer = await sendPush(through.receiver.url, body, { garage });
  assert.equal(answer.status, 202);
  const record = await waitForImportFinished(through.mongo.collections, String(answer.json['importId']));
  return { workflowId: String(answer.json['workflowId']), status: record.status };
}

/** The task queue the import ran on. */
async function taskQueueOf(workflowId: string) {
  return (await client.workflow.getHandle(workflowId).describe()).taskQueue;
}

/** The priority the workflow was started with, from the first event of its history. */
async function startedPriority(workflowId: string) {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return history.events?.[0]?.workflowExecutionStartedEventAttributes?.priority;
}

describe('task-queue fairness per garage', () => {
  it('when two garages push, then each import workflow is started with its own garage id as fairness key, and imports', async () => {
    const first = await importOnePush(pipeline.garage, '710001');
    const second = await importOnePush(pipeline.otherGarage, '710002');
    assert.equal(first.status, 'imported');
    assert.equal(second.status, 'imported');
    assert.equal((await startedPriority(first.workflowId))?.fairnessKey, pipeline.garage.id);
    assert.equal((await startedPriority(second.workflowId))?.fairnessKey, pipeline.otherGarage.id);
  });

  it('when a garage sends more than its share at once, then the rest imports from the bulk lane and another garage stays on the main queue', async () => {
    // A share of two pushes that comes back at one a minute: the third push of a quick series is beyond it.
    const small = await startPipeline(testSetup({ BULK_LANE_BURST_PUSHES: '2', BULK_LANE_PUSHES_PER_MINUTE: '1' }));
    try {
      const { taskQueue, bulkTaskQueue } = small.config.temporal;
      const burst = await Promise.all(
        ['720001', '720002', '720003', '720004', '720005'].map((dmsNumber) =>
          importOnePush(small.garage, dmsNumber, small),
        ),
      );
      assert.deepEqual(
        burst.map(({ status }) => status),
        ['imported', 'imported', 'imported', 'imported', 'imported'],
      );
      const queues = await Promise.all(burst.map(({ workflowId }) => taskQueueOf(workflowId)));
      assert.equal(queues.filter((queue) => queue === taskQueue).length, 2);
      assert.equal(queues.filter((queue) => queue === bulkTaskQueue).length, 3);
      const other = await importOnePush(small.otherGarage, '720006', small);
      assert.equal(other.status, 'imported');
      assert.equal(await taskQueueOf(other.workflowId), taskQueue);
    } finally {
      await small.close();
    }
  });
});
