import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';

const encryptionKeys = JSON.stringify([{ id: 'unit-1', key: randomBytes(32).toString('base64') }]);
const withKeys = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ENCRYPTION_KEYS: encryptionKeys, ...env });

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('the configuration was accepted');
}

describe('loadConfig', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'claire-config-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when only the encryption keys are set, then everything else has its documented default', () => {
    const config = loadConfig(withKeys());
    assert.equal(config.temporal.taskQueue, 'carsys-import');
    assert.equal(config.temporal.bulkTaskQueue, 'carsys-import-bulk');
    assert.deepEqual(config.receiver.bulkLane, { burstPushes: 20, pushesPerMinute: 60 });
    assert.equal(config.bulkLaneSlots, 4);
    assert.equal(config.receiver.bodyLimitBytes, 1024 * 1024);
    assert.equal(config.workflowBundlePath, undefined);
    assert.equal(config.garages.size, 0);
  });

  it('when the encryption keys are missing, then the error names ENCRYPTION_KEYS', () => {
    assert.match(refusal({}), /ENCRYPTION_KEYS/);
  });

  it('when WORKFLOW_BUNDLE_PATH names a built bundle, then workers load it', async () => {
    const bundle = join(dir, 'workflow-bundle.js');
    await writeFile(bundle, '// a bundle\n');
    assert.equal(loadConfig(withKeys({ WORKFLOW_BUNDLE_PATH: bundle })).workflowBundlePath, bundle);
  });

  it('when WORKFLOW_BUNDLE_PATH names no file, then start-up stops saying how to build it', () => {
    const message = refusal(withKeys({ WORKFLOW_BUNDLE_PATH: join(dir, 'missing.js') }));
    assert.match(message, /WORKFLOW_BUNDLE_PATH: no such file: build it with `npm run build:workflows`/);
  });

  it('when the body limit exceeds what a Temporal payload can carry, then it is refused with the reason', () => {
    assert.match(refusal(withKeys({ BODY_LIMIT_BYTES: '2000000' })), /BODY_LIMIT_BYTES: at most 1400000 bytes/);
  });

  it('when two garages share an id, then the configuration is refused', () => {
    const garage = { id: 'garage-1', secrets: ['a-secret-of-sixteen-chars'] };
    assert.match(refusal(withKeys({ CARSYS_GARAGES: JSON.stringify([garage, garage]) })), /duplicate garage id/);
  });

  it('when nothing is said about sessions, the proxy or guesses, then sessions last 30 min unused and 12 h at most, no proxy is trusted and 10 wrong tokens per address (100 in all) per 15 min are allowed', () => {
    const config = loadConfig(withKeys());
    assert.equal(config.trustProxy, false);
    assert.deepEqual(config.operatorSessions, { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 });
    assert.deepEqual(config.operatorAuthFailures, { perIp: 10, total: 100, windowSeconds: 900 });
  });

  it('when TRUST_PROXY is true, a hop count or addresses, then Express gets a boolean, a number or the text', () => {
    const trust = (value: string) => loadConfig(withKeys({ TRUST_PROXY: value })).trustProxy;
    assert.equal(trust('true'), true);
    assert.equal(trust('false'), false);
    assert.equal(trust('1'), 1);
    assert.equal(trust('loopback, 10.0.0.0/8'), 'loopback, 10.0.0.0/8');
  });

  it('when a session timeout is not a positive whole number, then the error names it', () => {
    assert.match(refusal(withKeys({ OPERATOR_SESSION_IDLE_SECONDS: '0' })), /OPERATOR_SESSION_IDLE_SECONDS/);
    assert.match(refusal(withKeys({ OPERATOR_AUTH_FAILURES_PER_IP: 'ten' })), /OPERATOR_AUTH_FAILURES_PER_IP/);
  });
});
