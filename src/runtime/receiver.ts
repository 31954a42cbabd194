import type { Server } from 'node:http';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../api/app.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import type { ImportRequest } from '../domain/import-request.js';
import { importLog } from '../store/import-log.js';
import { codecRoute } from '../api/codec-route.js';
import { garageRateLimit } from '../api/garage-rate-limit.js';
import { rejectionsRoute } from '../api/rejections-route.js';
import { createKeyring } from '../crypto/keyring.js';
import { rejectionLog } from '../store/rejections.js';
import { rejectionBuffer } from '../store/rejection-buffer.js';
import { EncryptionCodec } from '../temporal/encryption-codec.js';
import { importRoutes } from '../api/import-routes.js';
import { supportPage } from '../api/support-page/index.js';
import { answerClientError } from '../api/client-error.js';
import { metricsRoute } from '../api/metrics-route.js';
import { openApiRoute } from '../api/openapi.js';
import { createImportMetrics, type ImportMetrics } from '../metrics/import-metrics.js';
import type { SupportDependencies } from '../api/support-dependencies.js';
import { importQueries } from '../store/import-queries.js';
import { importRetry } from '../support/retry-imports.js';
import { silenceReport } from '../support/silence.js';
import { webUiLinks } from '../temporal/web-ui-links.js';
import { createTemporalClient } from '../temporal/connection.js';
import { startImport } from '../temporal/start-import.js';
import { ensureIndexes } from '../store/indexes.js';
import { openMongoInBackground } from './mongo.js';

export type RunningReceiver = Readonly<{ url: string; server: Server; close: () => Promise<void> }>;

const startTimeoutMs = 5_000;
/** A backstop above the start's own gRPC deadline: the push route answers within this, whatever hangs. */
const answerDeadlineMs = 8_000;
const readinessTimeoutMs = 2_000;
const maxDuplicateNotesWaiting = 50;
/** Bounds every database round trip and connection handshake, so a hung database fails callers instead of piling them up. */
const databaseTimeoutMs = 5_000;

/** Wires the receiver to real Temporal and MongoDB and listens; `port: 0` picks a free port (tests). */
export async function startReceiver(
  config: Config,
  logger: Logger,
  options: { now?: () => Date; metrics?: ImportMetrics } = {},
): Promise<RunningReceiver> {
  const now = options.now ?? (() => new Date());
  const metrics = options.metrics ?? createImportMetrics();
  const mongo = openMongoInBackground(
    config.mongo,
    readinessTimeoutMs,
    { socketTimeoutMS: databaseTimeoutMs, connectTimeoutMS: databaseTimeoutMs },
    {
      prepare: async ({ db, collections }) => {
        await ensureIndexes(collections);
        await rejectionLog(db).ensureIndexes();
      },
      onRetry: (error) => logger.warn({ err: error }, 'database not ready for its indexes yet; trying again in 5 s'),
      retryEveryMs: 5_000,
    },
  );
  const keyring = createKeyring(config.encryptionKeys);
  const temporal = createTemporalClient(config.temporal, keyring);
  const rejections = rejectionLog(mongo.db);
  const bufferedRejections = rejectionBuffer(rejections, {
    capacity: 1_000,
    batchSize: 100,
    retryAfterMs: 5_000,
    onDropped: () => metrics.rejectionsDropped.inc(),
    onWriteFailed: (error) => logger.warn({ err: error }, 'could not write refused pushes yet; kept for a later try'),
  });
  const imports = importLog(mongo.collections);
  let notingDuplicates = 0;
  const start = (workflowId: string, request: ImportRequest) =>
    startImport({
      client: temporal.client,
      taskQueue: config.temporal.taskQueue,
      workflowId,
      request,
      timeoutMs: startTimeoutMs,
    });
  const queries = importQueries(mongo.collections);
  const support: SupportDependencies = {
    tokens: config.operatorTokens,
    queries,
    retry: importRetry({ collections: mongo.collections, keyring, start }),
    silence: silenceReport({
      garageIds: [...config.garages.keys()],
      queries,
      thresholdBusinessHours: config.silenceBusinessHours,
      since: now(),
      now,
    }),
    links: webUiLinks(config.temporal.uiUrl, config.temporal.namespace),
    metrics,
  };
  const app = createApp({
    logger,
    metrics,
    push: {
      auth: { garages: config.garages, toleranceSeconds: config.receiver.signatureToleranceSeconds, now },
      bodyLimitBytes: config.receiver.bodyLimitBytes,
      retryAfterSeconds: config.receiver.retryAfterSeconds,
      noteDuplicate: (importId, at) => {
        // Best effort and bounded: while the database hangs at most this many wait; more resends go uncounted.
        if (notingDuplicates >= maxDuplicateNotesWaiting) return;
        notingDuplicates++;
        imports
          .noteDuplicate(importId, at)
          .catch(() => undefined)
          .finally(() => notingDuplicates--);
      },
      startImport: start,
      answerDeadlineMs,
      rateLimit: garageRateLimit(config.rateLimitPerMinute),
      logger,
    },
    rejections: bufferedRejections,
    operatorRoutes: [
      openApiRoute(),
      metricsRoute({ metrics, silence: support.silence }),
      importRoutes(support),
      supportPage(support),
      rejectionsRoute({ tokens: config.operatorTokens, rejections }),
      codecRoute({
        tokens: config.operatorTokens,
        codec: new EncryptionCodec(keyring),
        corsOrigins: config.codecCorsOrigins,
      }),
    ],
    readiness: [
      {
        name: 'temporal',
        check: async () => {
          await temporal.connection.withDeadline(Date.now() + readinessTimeoutMs, () =>
            temporal.connection.workflowService.getSystemInfo({}),
          );
        },
      },
      {
        name: 'database',
        // The driver ignores `timeoutMS`; racing a timer keeps the check at 2 s when the database hangs.
        check: () =>
          Promise.race([
            mongo.db.command({ ping: 1 }).then(() => undefined),
            sleep(readinessTimeoutMs, undefined, { ref: false }).then(() => {
              throw new Error(`no answer within ${readinessTimeoutMs} ms`);
            }),
          ]),
      },
    ],
  });
  const server = app.listen(config.receiver.port, config.receiver.host);
  server.on('clientError', answerClientError);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.receiver.port;
  return {
    url: `http://${config.receiver.host}:${port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      bufferedRejections.stop();
      mongo.stopPreparing();
      await bufferedRejections.settled();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await temporal.connection.close();
      await mongo.client.close();
    },
  };
}
