import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startFailureLine } from '../../src/main/start-failure.js';

function configErrorOf(env: Record<string, string>): unknown {
  try {
    loadConfig(env);
  } catch (error) {
    return error;
  }
  assert.fail('the configuration was accepted');
}

const key = Buffer.alloc(32, 7).toString('base64');

describe('startFailureLine', () => {
  it('when variables are wrong or missing, then one line names each of them', () => {
    const error = configErrorOf({ RECEIVER_PORT: 'abc' });
    assert.ok(error instanceof ConfigError);
    const line = startFailureLine('receiver', error, {});
    assert.doesNotMatch(line, /\n/);
    assert.match(line, /^receiver cannot start: Invalid configuration: RECEIVER_PORT: .+; ENCRYPTION_KEYS: required/);
  });

  it('when the port is taken, then it says which port and which variable moves it', () => {
    const error = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:3000'), {
      code: 'EADDRINUSE',
    });
    assert.equal(
      startFailureLine('receiver', error, { RECEIVER_PORT: '3000' }),
      'receiver cannot start: port 3000 is already in use: stop what listens there or set RECEIVER_PORT',
    );
  });

  it('when the database does not answer, then it names the URL without its password', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { name: 'MongoServerSelectionError' });
    const line = startFailureLine('worker', error, { MONGODB_URL: 'mongodb://claire:s3cret@db.internal:27017/' });
    assert.match(line, /the database at mongodb:\/\/claire:\*\*\*@db\.internal:27017\/ does not answer/);
    assert.match(line, /fix MONGODB_URL$/);
    assert.doesNotMatch(line, /s3cret/);
  });

  it('when Temporal refuses the connection, then the operating system words, not the native error dump', () => {
    const error = Object.assign(
      new Error(
        'tonic::transport::Error(Transport, ConnectError(ConnectError("tcp connect error", 127.0.0.1:1, Os { code: 111, kind: ConnectionRefused, message: "Connection refused" })))',
      ),
      { name: 'TransportError' },
    );
    assert.equal(
      startFailureLine('worker', error, { TEMPORAL_ADDRESS: '127.0.0.1:1' }),
      'worker cannot start: Temporal at 127.0.0.1:1 does not answer (Connection refused): start it or fix TEMPORAL_ADDRESS',
    );
  });

  it('when the error is anything else, then its first line only', () => {
    const line = startFailureLine('worker', new Error('first\n    at somewhere (file.ts:1:1)'), {});
    assert.equal(line, 'worker cannot start: first');
  });

  it('when the configuration is fine, then loadConfig does not throw (the test data above is the only cause)', () => {
    assert.doesNotThrow(() => loadConfig({ ENCRYPTION_KEYS: JSON.stringify([{ id: 'k', key }]) }));
  });
});
