import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readFixture } from '../support/fixtures.js';
import { startPipeline, type Pipeline } from '../support/pipeline.js';
import { sendPush } from '../support/push-client.js';
import { waitForImportFinished } from '../support/wait-for.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
let pipeline: Pipeline;
let failedId: string;
let importedId: string;

before(async () => {
  pipeline = await startPipeline();
  for (const name of ['invalid-fields', 'valid-full']) {
    const answer = await sendPush(pipeline.receiver.url, readFixture(name), { garage: pipeline.garage });
    const record = await waitForImportFinished(pipeline.mongo.collections, String(answer.json['importId']));
    if (record.status === 'failed') failedId = record._id;
    else importedId = record._id;
  }
});
after(async () => {
  await pipeline?.close();
});

/** Runs `npm run imports -- ...` as an on-call engineer would, against the test receiver. */
async function imports(...args: string[]): Promise<{ stdout: string; code: number }> {
  const token = pipeline.config.operatorTokens.find((entry) => entry.name === 'operator')?.token ?? '';
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main/imports-cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, IMPORTS_API_URL: pipeline.receiver.operatorUrl, OPERATOR_TOKEN: token },
    });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; code: number };
    return { stdout: failed.stdout, code: failed.code };
  }
}

describe('npm run imports', () => {
  it('when listing failed imports, then the failed one is shown and the imported one is not', async () => {
    const { stdout, code } = await imports('list', '--status', 'failed', '--garage-id', pipeline.garage.id);
    assert.equal(code, 0);
    assert.ok(stdout.includes(failedId));
    assert.equal(stdout.includes(importedId), false);
    assert.match(stdout, /1 import\(s\)/);
  });

  it('when showing a failed import, then its issues are printed by path in plain words', async () => {
    const { stdout } = await imports('show', failedId);
    assert.match(stdout, /issue {4}appointment\.appointmentDate: .+/);
    assert.match(stdout, /workflow http/);
  });

  it('when retrying an import that succeeded, then the refusal is printed and the exit code is 1', async () => {
    const { stdout, code } = await imports('retry', importedId);
    assert.equal(code, 1);
    assert.match(stdout, /only failed imports can be retried\. \(not_failed\)/);
  });

  it('when a bulk retry is dry-run, then it says how many and which, and changes nothing', async () => {
    const { stdout, code } = await imports('retry', '--all', '--dry-run', '--garage-id', pipeline.garage.id);
    assert.equal(code, 0);
    assert.ok(stdout.includes(failedId));
    assert.match(stdout, /dry run: 1 failed import\(s\) would be retried/);
    assert.equal(await pipeline.mongo.collections.imports.countDocuments({ _id: failedId, status: 'failed' }), 1);
  });

  it("when an appointment's timeline is asked for, then its push is listed", async () => {
    const { stdout, code } = await imports('timeline', pipeline.garage.id, '184467');
    assert.equal(code, 0);
    assert.ok(stdout.includes(importedId));
  });

  it('when support asks where a work order is, then the case and its words come first', async () => {
    const { stdout, code } = await imports('where', pipeline.garage.id, 'WO-24-01873');
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`^imported {2}garage ${pipeline.garage.id}, "WO-24-01873"`));
  });

  it('when the silent garages are asked for, then each garage and the threshold are printed', async () => {
    const { stdout, code } = await imports('silence');
    assert.equal(code, 0);
    assert.ok(stdout.includes(pipeline.garage.id));
    assert.match(stdout, /silent means no push for \d+ business hours/);
  });

  it('when a status is not one the import log knows, then the CLI says which are, with exit code 2', async () => {
    const { stdout, code } = await imports('list', '--status', 'broken');
    assert.equal(code, 2);
    assert.match(stdout, /--status is one of accepted, imported, .*failed/);
  });

  it('when the command is unknown, then the usage is printed with exit code 2', async () => {
    const { stdout, code } = await imports('frobnicate');
    assert.equal(code, 2);
    assert.match(stdout, /usage: npm run imports/);
  });
});
