import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openMongo, type MongoHandle } from '../../src/store/open-mongo.js';
import { freePort } from '../../tools/free-port.js';
import { terminateRunningWorkflows } from '../../tools/test-leftovers.js';
import { startEntry, terminateEntry, type EntryProcess } from '../support/entry-process.js';
import { pushBody } from '../support/push-body.js';
import { sendPush } from '../support/push-client.js';
import { ownQueue, serviceEnv, testSetup } from '../support/test-env.js';
import { waitForImportFinished } from '../support/wait-for.js';

// What the production image runs (Dockerfile): the compiled JavaScript and the prebuilt workflow bundle, with Node
// alone. Built here into a folder of its own, with the same two steps as `npm run build`.
const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'test-artifacts', `dist-${randomBytes(4).toString('hex')}`);
const setup = testSetup();
let mongo: MongoHandle;
const started: EntryProcess[] = [];

before(async () => {
  await run(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out],
    {
      cwd: root,
    },
  );
  await run(process.execPath, ['--import', 'tsx', 'tools/build-workflow-bundle.ts', join(out, 'workflow-bundle.js')], {
    cwd: root,
  });
  mongo = await openMongo(setup.config.mongo, 5_000);
});
after(async () => {
  for (const entry of started) if (entry.child.exitCode === null) entry.child.kill('SIGKILL');
  await terminateRunningWorkflows(serviceEnv.TEMPORAL_ADDRESS, (queue) => ownQueue(setup.config, queue));
  await mongo?.db.dropDatabase();
  await mongo?.client.close();
  rmSync(out, { recursive: true, force: true });
});

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

describe('the compiled build', () => {
  it('when built, then it holds the product alone: no tools, tests or benchmarks', () => {
    const folders = new Set(filesUnder(out).map((file) => relative(out, file).split('/')[0]));
    assert.ok(folders.has('main') && folders.has('workflows') && folders.has('workflow-bundle.js'));
    for (const outside of ['tools', 'test', 'bench', 'src']) assert.ok(!folders.has(outside), `${outside}/ was built`);
  });

  it('when its imports are read, then each is Node itself, our own code or a production dependency', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const production = new Set(Object.keys(manifest.dependencies));
    const packageOf = (specifier: string) =>
      specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');
    const outsiders = filesUnder(out)
      .filter((file) => file.endsWith('.js') && !file.endsWith('workflow-bundle.js'))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^'.][^']*)'/gm)].map(
          (match) => `${relative(out, file)}: ${match[1] ?? ''}`,
        ),
      )
      .filter((line) => {
        const specifier = line.split(': ')[1] ?? '';
        return !specifier.startsWith('node:') && !production.has(packageOf(specifier));
      });
    assert.deepEqual(outsiders, []);
  });

  it('when its worker and receiver run with Node alone, then a push is imported and both stop cleanly on SIGTERM', async () => {
    const port = await freePort();
    const env = { ...setup.env, LOG_LEVEL: 'info', NODE_ENV: 'production' };
    const worker = startEntry(join(out, 'main/worker.js'), {
      ...env,
      WORKFLOW_BUNDLE_PATH: join(out, 'workflow-bundle.js'),
    });
    const receiver = startEntry(join(out, 'main/receiver.js'), { ...env, RECEIVER_PORT: String(port) });
    started.push(worker, receiver);
    await Promise.all([worker.printed('worker running'), receiver.printed('receiver listening')]);

    const answer = await sendPush(
      `http://127.0.0.1:${port}`,
      pushBody({ messageId: randomUUID(), appointment: { dmsNumber: `D-${randomUUID().slice(0, 8)}` } }),
      { garage: setup.garage },
    );
    assert.equal(answer.status, 202);
    const record = await waitForImportFinished(mongo.collections, String(answer.json['importId']), 60_000);
    assert.equal(record.status, 'imported');
    assert.equal(await mongo.collections.appointments.countDocuments({ dmsNumber: record.dmsNumber }), 1);

    const [workerStop, receiverStop] = await Promise.all([terminateEntry(worker), terminateEntry(receiver)]);
    assert.equal(workerStop.exit, 0, worker.output().stderr);
    assert.equal(receiverStop.exit, 0, receiver.output().stderr);
  });
});
