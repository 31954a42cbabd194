import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { createKeyring } from '../../src/crypto/keyring.js';
import { vouchFor } from '../../src/crypto/voucher.js';
import type { ImportRequest } from '../../src/domain/import-request.js';
import { importDataConverter } from '../../src/temporal/encryption-codec.js';
import { importWorkflowType } from '../../src/temporal/start-import.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { pushBody } from '../support/push-body.js';
import { sendPush } from '../support/push-client.js';
import { receiverRequestFor } from '../support/receiver-request.js';
import { waitFor } from '../support/wait-for.js';

// Anyone with access to the Temporal namespace can start a workflow: the dev Web UI has "start workflow", and its
// codec endpoint encrypts whatever it is given. Only what the receiver vouched for may write a garage's documents.
let pipeline: Pipeline;
let connection: Connection;
let encrypting: Client;
let plain: Client;

before(async () => {
  pipeline = await startPipeline();
  connection = await Connection.connect({ address: pipeline.config.temporal.address });
  encrypting = new Client({
    connection,
    dataConverter: importDataConverter(createKeyring(pipeline.config.encryptionKeys)),
  });
  plain = new Client({ connection });
});
after(async () => {
  await connection?.close();
  await pipeline?.close();
});

function forgedRequest(): { workflowId: string; request: ImportRequest } {
  const rawBody = pushBody({ messageId: randomUUID(), appointment: { dmsNumber: `D-${randomUUID().slice(0, 8)}` } });
  return receiverRequestFor(pipeline.garage.id, rawBody);
}

async function failureTypeOf(run: Promise<unknown>): Promise<string | undefined> {
  try {
    await run;
  } catch (error) {
    assert.ok(error instanceof WorkflowFailedError, String(error));
    let cause: unknown = error.cause;
    while (cause instanceof Error) {
      if ('type' in cause && typeof cause.type === 'string') return cause.type;
      cause = cause.cause;
    }
    return undefined;
  }
  assert.fail('the forged import was carried out');
}

async function assertNothingWritten(request: ImportRequest): Promise<void> {
  const { collections } = pipeline.mongo;
  assert.equal(await collections.imports.countDocuments({ _id: request.importId }), 0);
  const dmsNumber = request.envelope.dmsNumber;
  assert.equal(await collections.appointments.countDocuments({ garageId: pipeline.garage.id, dmsNumber }), 0);
  assert.equal(
    await collections.parties.countDocuments({ garageId: pipeline.garage.id, 'source.importId': request.importId }),
    0,
  );
  assert.equal(
    await collections.cars.countDocuments({ garageId: pipeline.garage.id, 'source.importId': request.importId }),
    0,
  );
}

async function assertRecorded(workflowId: string): Promise<void> {
  const rejection = await pipeline.mongo.db.collection('rejection_counts').findOne({ 'samples.requestId': workflowId });
  assert.equal(rejection?.['code'], 'forged_import');
  assert.equal(rejection?.['garageIdClaimed'], pipeline.garage.id);
}

const start = (client: Client, workflowId: string, request: ImportRequest) =>
  client.workflow.execute(importWorkflowType, {
    workflowId,
    taskQueue: pipeline.config.temporal.taskQueue,
    args: [request],
  });

describe('a forged import', () => {
  it('when a workflow is started with an encrypted request and no voucher, then it is refused, recorded and writes nothing', async () => {
    const { workflowId, request } = forgedRequest();
    assert.equal(await failureTypeOf(start(encrypting, workflowId, request)), 'ForgedImport');
    await assertNothingWritten(request);
    await assertRecorded(workflowId);
  });

  it('when a voucher made for another run is reused, then it is refused', async () => {
    const keyring = createKeyring(pipeline.config.encryptionKeys);
    const { workflowId, request } = forgedRequest();
    const voucher = vouchFor(keyring, { ...request, workflowId: `${workflowId}-original` });
    assert.equal(await failureTypeOf(start(encrypting, workflowId, { ...request, voucher })), 'ForgedImport');
    await assertNothingWritten(request);
    await assertRecorded(workflowId);
  });

  it('when a vouched request carries another body than the one vouched for, then it is refused', async () => {
    const keyring = createKeyring(pipeline.config.encryptionKeys);
    const { workflowId, request } = forgedRequest();
    const voucher = vouchFor(keyring, { ...request, workflowId });
    const otherBody = Buffer.from(
      pushBody({
        messageId: randomUUID(),
        appointment: { dmsNumber: request.envelope.dmsNumber, woNumber: 'WO-FORGED' },
      }),
    );
    const swapped = { ...request, voucher, rawBodyBase64: otherBody.toString('base64') };
    assert.equal(await failureTypeOf(start(encrypting, workflowId, swapped)), 'ForgedImport');
    await assertNothingWritten(request);
  });

  it('when the request is not encrypted, then the worker refuses to read it and writes nothing', async () => {
    const { workflowId, request } = forgedRequest();
    const handle = await plain.workflow.start(importWorkflowType, {
      workflowId,
      taskQueue: pipeline.config.temporal.taskQueue,
      args: [request],
    });
    const refusal = await waitFor('the worker to refuse the workflow task', async () => {
      const history = await handle.fetchHistory();
      return history.events?.find((event) => event.workflowTaskFailedEventAttributes)
        ?.workflowTaskFailedEventAttributes;
    });
    assert.match(refusal.failure?.message ?? '', /not encrypted/);
    await assertNothingWritten(request);
    await handle.terminate('refused by the worker, as the test expects');
  });

  it('when the receiver starts the same kind of request, then it carries a voucher and is imported', async () => {
    const { request } = forgedRequest();
    const body = Buffer.from(request.rawBodyBase64, 'base64').toString('utf8');
    const answer = await sendPush(pipeline.receiver.url, body, { garage: pipeline.garage });
    assert.equal(answer.status, 202);
    const record = await waitFor('the import to finish', () =>
      pipeline.mongo.collections.imports.findOne({ _id: String(answer.json['importId']), status: { $ne: 'accepted' } }),
    );
    assert.equal(record.status, 'imported');
  });
});
