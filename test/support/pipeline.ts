import type { DestinationStream } from 'pino';
import { createLogger } from '../../src/logging/logger.js';
import { createImportMetrics } from '../../src/metrics/import-metrics.js';
import { openMongo, type MongoHandle } from '../../src/store/open-mongo.js';
import { startReceiver, type RunningReceiver } from '../../src/main/start-receiver.js';
import { startWorker, type RunningWorker } from '../../src/main/start-worker.js';
import { bundleWorkflows } from '../../src/temporal/workflow-bundle.js';
import { dropDatabases, terminateRunningWorkflows } from '../../tools/test-leftovers.js';
import { ownQueue, serviceEnv, testSetup, type TestSetup } from './test-env.js';

let bundle: Promise<{ code: string }> | undefined;

/** Bundles the workflow code once per test file; each worker reuses it. */
export function workflowBundle(): Promise<{ code: string }> {
  bundle ??= bundleWorkflows();
  return bundle;
}

export type Pipeline = TestSetup &
  Readonly<{
    receiver: RunningReceiver;
    worker: RunningWorker;
    mongo: MongoHandle;
    close: () => Promise<void>;
  }>;

/** The real pipeline on the real services: a worker and a receiver on a free port, with a database of their own. */
/** `logSink` captures every log line of worker and receiver at debug level, for tests that read the logs. */
export async function startPipeline(
  setup: TestSetup = testSetup(),
  options: { logSink?: DestinationStream } = {},
): Promise<Pipeline> {
  const { config } = setup;
  const logger = (name: string, quietLevel: string) =>
    options.logSink === undefined
      ? createLogger({ level: quietLevel, name })
      : createLogger({ level: 'debug', name, destination: options.logSink });
  const { code } = await workflowBundle();
  // Worker and receiver share one registry, as under `npm start`, so /metrics shows both sides.
  const metrics = createImportMetrics();
  const worker = await startWorker(config, logger('test-worker', 'error'), {
    metrics,
    workflows: { workflowBundle: { code } },
  });
  const receiver = await startReceiver(config, logger('test-receiver', 'silent'), { metrics });
  const mongo = await openMongo(config.mongo, 5_000);
  return {
    ...setup,
    receiver,
    worker,
    mongo,
    close: async () => {
      await receiver.close();
      await worker.close();
      await mongo.db.dropDatabase();
      await mongo.client.close();
    },
  };
}

/**
 * A receiver with no worker, for tests of what it answers. Nothing would ever finish the imports it starts, so
 * closing it terminates them and drops the database it made, as `close` of a pipeline does. `logSink` captures its
 * log lines at debug level; `now` is its clock.
 */
export async function startReceiverAlone(
  setup: TestSetup,
  options: { logSink?: DestinationStream; now?: () => Date } = {},
): Promise<RunningReceiver> {
  const logger =
    options.logSink === undefined
      ? createLogger({ level: 'silent', name: 'test-receiver' })
      : createLogger({ level: 'debug', name: 'test-receiver', destination: options.logSink });
  const receiver = await startReceiver(setup.config, logger, options.now === undefined ? {} : { now: options.now });
  return {
    ...receiver,
    close: async () => {
      await receiver.close();
      // The real server, even when the test points the receiver at an unreachable one.
      await terminateRunningWorkflows(serviceEnv.TEMPORAL_ADDRESS, (queue) => ownQueue(setup.config, queue));
      await dropDatabases(setup.config.mongo.url, (name) => name === setup.config.mongo.database);
    },
  };
}
