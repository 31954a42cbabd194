import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';

// The package is CommonJS; its namespaces come off the default export under ESM.
const { temporal } = proto;
import { readFixture } from '../support/fixtures.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { waitForImportFinished } from '../support/wait-for.js';
import { createKeyring } from '../../src/crypto/keyring.js';
import { openText } from '../../src/store/encrypted-text.js';

let pipeline: Pipeline;

before(async () => {
  pipeline = await startPipeline();
});
after(async () => {
  await pipeline?.close();
});

/** Personal data of the fixtures' customers, in the forms they are sent and the forms they are stored. */
const personalData = [
  'de Vries',
  'deVries',
  'devries',
  'Dorpsstraat',
  '030-1234567',
  '06 12345678',
  '+31612345678',
  '+31301234567',
  'El Amrani',
  'Kerkplein',
  '98765432',
  'f.elamrani',
  'voorbeeldbedrijf',
  'Stationsweg',
  'wagenpark',
];

function findPersonalData(text: string): string[] {
  return personalData.filter((value) => text.toLowerCase().includes(value.toLowerCase()));
}

describe('customer data is not stored in clear text outside the documents Claire reads', () => {
  it('when a push is imported, then its Temporal history read without the codec holds none of the personal data', async () => {
    for (const name of ['valid-full', 'valid-lease-car']) {
      const answer = await sendPush(pipeline.receiver.url, readFixture(name), { garage: pipeline.garage });
      assert.equal(answer.status, 202);
      const record = await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
      assert.equal(record.status, 'imported');

      const connection = await Connection.connect({ address: pipeline.config.temporal.address });
      try {
        const history = await new Client({ connection }).workflow.getHandle(record.workflowId).fetchHistory();
        const raw = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1');
        assert.ok(raw.includes('binary/encrypted'), 'payloads are marked as encrypted');
        assert.ok(raw.includes('184467') || raw.includes('184470'), 'the history is readable where it is not personal');
        assert.deepEqual(findPersonalData(raw), [], `personal data in the history of ${name}`);
      } finally {
        await connection.close();
      }
    }
  });

  it('when a push is imported, then its raw body is stored encrypted, and decrypts to the exact body', async () => {
    const body = readFixture('suspicious-date');
    const answer = await sendPush(pipeline.receiver.url, body, { garage: pipeline.garage });
    const record = await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
    const stored = JSON.stringify(record) + Buffer.from(record.rawBody.data.buffer).toString('latin1');
    assert.equal(stored.includes('Bakker'), false);
    assert.equal(stored.includes('050-3123456'), false);
    assert.equal(openText(createKeyring(pipeline.config.encryptionKeys), record.rawBody), body);
  });
});
