import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingMessage } from 'node:http';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../src/logging/logger.js';
import { startReceiver } from '../../src/main/start-receiver.js';
import { startWorker } from '../../src/main/start-worker.js';
import { signPush } from '../../src/receiver/authenticate-push.js';
import { openMongo, type MongoHandle } from '../../src/store/open-mongo.js';
import { freePort } from '../../tools/free-port.js';
import { terminateRunningWorkflows } from '../../tools/test-leftovers.js';
import { startEntry, terminateEntry, type EntryProcess } from '../support/entry-process.js';
import { workflowBundle } from '../support/pipeline.js';
import { pushBody } from '../support/push-body.js';
import { sendPush } from '../support/push-client.js';
import { ownQueue, serviceEnv, testSetup } from '../support/test-env.js';
import { waitFor } from '../support/wait-for.js';

// The entry points as a deployment runs them: separate processes, stopped with SIGTERM, started with a bad setting.
const setup = testSetup();
let mongo: MongoHandle;
const started: EntryProcess[] = [];

before(async () => {
  mongo = await openMongo(setup.config.mongo, 5_000);
});
after(async () => {
  for (const entry of started) if (entry.child.exitCode === null) entry.child.kill('SIGKILL');
  await terminateRunningWorkflows(serviceEnv.TEMPORAL_ADDRESS, (queue) => ownQueue(setup.config, queue));
  await mongo.db.dropDatabase();
  await mongo.client.close();
});

function entry(file: string, env: Record<string, string>): EntryProcess {
  const process = startEntry(file, { ...setup.env, ...env });
  started.push(process);
  return process;
}

function onlyLine(text: string): string {
  const lines = text.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${text}`);
  return lines[0] ?? '';
}

const uniquePush = () =>
  pushBody({ messageId: randomUUID(), appointment: { dmsNumber: `D-${randomUUID().slice(0, 8)}` } });

describe('start-up errors', () => {
  it('when a variable is wrong, then the receiver prints one line naming it and exits 1', async () => {
    const receiver = entry('src/main/receiver.ts', { RECEIVER_PORT: 'abc' });
    assert.equal(await receiver.exited, 1);
    const line = onlyLine(receiver.output().stderr);
    assert.match(line, /^receiver cannot start: Invalid configuration: RECEIVER_PORT: /);
    assert.equal(receiver.output().stdout, '');
  });

  it('when Temporal does not answer, then the worker prints one line naming TEMPORAL_ADDRESS and exits 1', async () => {
    const worker = entry('src/main/worker.ts', { TEMPORAL_ADDRESS: '127.0.0.1:1' });
    assert.equal(await worker.exited, 1);
    assert.equal(
      onlyLine(worker.output().stderr),
      'worker cannot start: Temporal at 127.0.0.1:1 does not answer (Connection refused): start it or fix TEMPORAL_ADDRESS',
    );
  });

  it('when the port is taken, then the receiver says which one and exits 1', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const receiver = entry('src/main/receiver.ts', { RECEIVER_PORT: String(port) });
      assert.equal(await receiver.exited, 1);
      assert.match(onlyLine(receiver.output().stderr), new RegExp(`port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });
});

describe('SIGTERM', () => {
  it('when the receiver is stopped with a push half sent, then it refuses new connections, answers that push 202 and exits 0', async () => {
    const port = await freePort();
    const receiver = entry('src/main/receiver.ts', { RECEIVER_PORT: String(port), LOG_LEVEL: 'info' });
    await receiver.printed('receiver listening');

    const body = Buffer.from(uniquePush());
    const timestamp = String(Math.floor(Date.now() / 1000));
    const inFlight = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/carsys/v1/pushes',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(body.length),
        'X-Carsys-Garage-Id': setup.garage.id,
        'X-Carsys-Timestamp': timestamp,
        'X-Carsys-Signature': signPush(setup.garage.secrets[0] ?? '', timestamp, body),
      },
    });
    const answered = once(inFlight, 'response') as Promise<[IncomingMessage]>;
    inFlight.write(body.subarray(0, 20));
    await sleep(300);

    const stopping = terminateEntry(receiver);
    await sleep(500);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'a new connection was still accepted');
    inFlight.end(body.subarray(20));
    const [response] = await answered;
    const text = await new Promise<string>((resolve) => {
      let all = '';
      response.on('data', (chunk: Buffer) => (all += chunk.toString('utf8')));
      response.on('end', () => resolve(all));
    });
    assert.equal(response.statusCode, 202, text);

    const { exit } = await stopping;
    assert.equal(exit, 0);
    assert.equal(receiver.output().stderr, '');
  });

  it('when a worker is stopped in the middle of a burst, then it exits 0 within its grace period and another worker finishes every import once', async () => {
    const graceSeconds = 10;
    const first = entry('src/main/worker.ts', {
      LOG_LEVEL: 'info',
      WORKER_SHUTDOWN_GRACE_SECONDS: String(graceSeconds),
    });
    await first.printed('worker running');
    const receiver = await startReceiver(setup.config, createLogger({ level: 'silent', name: 'test-receiver' }));
    let second: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, () => sendPush(receiver.url, uniquePush(), { garage: setup.garage })),
      );
      assert.deepEqual(
        answers.map((answer) => answer.status),
        answers.map(() => 202),
      );
      const importIds = answers.map((answer) => String(answer.json['importId']));

      const { exit, tookMs } = await terminateEntry(first);
      assert.equal(exit, 0, first.output().stderr);
      assert.ok(tookMs < (graceSeconds + 5) * 1000, `the worker took ${tookMs} ms to stop`);
      const finishedByFirst = await mongo.collections.imports.countDocuments({
        _id: { $in: importIds },
        status: { $ne: 'accepted' },
      });

      const { code } = await workflowBundle();
      second = await startWorker(setup.config, createLogger({ level: 'silent', name: 'test-worker' }), {
        workflows: { workflowBundle: { code } },
      });
      await waitFor(
        'every import of the burst to be imported',
        async () =>
          (await mongo.collections.imports.countDocuments({ _id: { $in: importIds }, status: 'imported' })) ===
          importIds.length
            ? true
            : null,
        120_000,
      );
      const dmsNumbers = await mongo.collections.imports.distinct('dmsNumber', { _id: { $in: importIds } });
      assert.equal(
        await mongo.collections.appointments.countDocuments({ dmsNumber: { $in: dmsNumbers } }),
        importIds.length,
      );
      // Not asserted (it depends on the machine's speed), but it shows the stop happened mid-burst.
      console.log(`first worker finished ${finishedByFirst} of ${importIds.length} imports before it exited`);
    } finally {
      await second?.close();
      await receiver.close();
    }
  });
});
