import { randomBytes } from 'node:crypto';
import { loadConfig, type Config, type GarageConfig } from '../../src/config.js';

/** Where the test services listen: set by `npm test` (tools/test.ts), defaulting to the dev-service ports. */
export const serviceEnv = {
  TEMPORAL_ADDRESS: process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233',
  MONGODB_URL: process.env['MONGODB_URL'] ?? 'mongodb://127.0.0.1:27017/',
};

export type TestSetup = Readonly<{
  config: Config;
  /** The environment the configuration was read from, for tests that start the entry points as processes. */
  env: Readonly<Record<string, string>>;
  /** A garage with two active secrets (a rotation in progress). */
  garage: GarageConfig;
  otherGarage: GarageConfig;
  /** A garage with `keepImportingAfterWorkStarted` on. */
  keepsImportingGarage: GarageConfig;
}>;

/**
 * A configuration of its own for each test file: own database, task queue and garage ids. Garage ids are part of
 * workflow ids, and the dev server keeps closed workflows for a day, so they must differ between runs too.
 */
export function testSetup(overrides: Record<string, string> = {}): TestSetup {
  const suffix = randomBytes(4).toString('hex');
  const garage = {
    id: `garage-${suffix}`,
    secrets: [`first-secret-${suffix}-0001`, `second-secret-${suffix}-0002`],
    keepImportingAfterWorkStarted: false,
  };
  const otherGarage = {
    id: `other-${suffix}`,
    secrets: [`other-garage-secret-${suffix}`],
    keepImportingAfterWorkStarted: false,
  };
  const keepsImportingGarage = {
    id: `keeps-${suffix}`,
    secrets: [`keeps-importing-secret-${suffix}`],
    keepImportingAfterWorkStarted: true,
  };
  const env: Record<string, string> = {
    ...serviceEnv,
    MONGODB_DATABASE: `test_${suffix}`,
    TEMPORAL_TASK_QUEUE: `test-${suffix}`,
    RECEIVER_PORT: '0',
    OPERATOR_PORT: '0',
    LOG_LEVEL: 'silent',
    // Tests stop workers and receivers often; the production grace periods would only make them wait.
    WORKER_SHUTDOWN_GRACE_SECONDS: '5',
    RECEIVER_SHUTDOWN_GRACE_SECONDS: '5',
    CARSYS_GARAGES: JSON.stringify([garage, otherGarage, keepsImportingGarage]),
    ENCRYPTION_KEYS: JSON.stringify([{ id: `test-${suffix}`, key: randomBytes(32).toString('base64') }]),
    OPERATOR_TOKENS: JSON.stringify([
      { name: 'reader', token: `reader-token-${suffix}-0123456789`, scopes: ['read'] },
      { name: 'operator', token: `operator-token-${suffix}-0123456789`, scopes: ['read', 'retry', 'decode'] },
      { name: 'garage-admin', token: `garage-admin-token-${suffix}-0123456789`, scopes: ['read', 'garages'] },
    ]),
    ...overrides,
  };
  return { config: loadConfig(env), env, garage, otherGarage, keepsImportingGarage };
}

/** Whether a task queue is one of the test's own: its main queue or its bulk lane. */
export function ownQueue(config: Config, queue: string): boolean {
  return queue === config.temporal.taskQueue || queue === config.temporal.bulkTaskQueue;
}
