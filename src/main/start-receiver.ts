import type { Server } from 'node:http';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../receiver/http-app.js';
import { createOperatorApp } from '../operator/operator-app.js';
import type { Express } from 'express';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import type { ImportRequest } from '../domain/import-request.js';
import { importLog } from '../store/import-log.js';
import { codecRoute } from '../operator/codec-route.js';
import { bulkLane, type Lane } from '../receiver/bulk-lane.js';
import { garageRateLimit } from '../receiver/garage-rate-limit.js';
import { rejectionsRoute } from '../operator/api/rejections-route.js';
import { createKeyring } from '../crypto/keyring.js';
import { vouchFor } from '../crypto/voucher.js';
import { rejectionLog } from '../store/rejections.js';
import { rejectionBuffer } from '../store/rejection-buffer.js';
import { ensureIndexes } from '../store/indexes.js';
import { EncryptionCodec } from '../temporal/encryption-codec.js';
import { importRoutes } from '../operator/api/import-routes.js';
import { whereIsRoute } from '../operator/api/where-is-route.js';
import { overviewRoute } from '../operator/api/overview-route.js';
import { importOverview } from '../operator/import-overview.js';
import { importOverviewCounts } from '../store/import-overview-counts.js';
import { refusalCounts } from '../store/refusal-counts.js';
import { whereIsWorkOrder } from '../operator/where-is-work-order.js';
import { workOrderEvidence } from '../store/work-order-evidence.js';
import { importProgress } from '../temporal/import-progress.js';
import { runningImports } from '../temporal/running-imports.js';
import { supportPage } from '../operator/support-page/index.js';
import { answerClientError } from '../http/client-error.js';
import { boundedServer, type ListenerLimits } from '../http/listener-limits.js';
import { metricsRoute } from '../operator/metrics-route.js';
import { openApiRoute } from '../operator/api/openapi.js';
import { createImportMetrics, type ImportMetrics } from '../metrics/import-metrics.js';
import type { SupportDependencies } from '../operator/operator-dependencies.js';
import { importQueries } from '../store/import-queries.js';
import { importRetry } from '../operator/retry-imports.js';
import { cachedSilenceReport, silenceReport } from '../operator/silence.js';
import { webUiLinks } from '../temporal/web-ui-links.js';
import { createTemporalClient } from '../temporal/connection.js';
import { startImport } from '../temporal/start-import.js';
import { openMongoInBackground } from '../store/open-mongo.js';
import { operatorSessionStore } from '../store/operator-sessions.js';
import { operatorSessions } from '../operator/operator-sessions.js';
import { operatorGuessLimit } from '../operator/operator-guess-limit.js';
import { garageStore } from '../store/garage-store.js';
import { garageDirectory } from '../store/garage-directory.js';
import { garageManagement, seedBootstrapGarages } from '../operator/manage-garages.js';
import { garageRoutes } from '../operator/api/garage-routes.js';
import { webUiProxy } from '../operator/web-ui-proxy.js';

export type RunningReceiver = Readonly<{
  /** The Carsys-facing listener: the push endpoint and health. */
  url: string;
  /** The operator listener: support page, import API, codec endpoint, metrics, OpenAPI. */
  operatorUrl: string;
  server: Server;
  /** Both listeners' apps, so a test can compare the routes they serve with the OpenAPI document. */
  apps: Readonly<{ receiver: Express; operator: Express }>;
  close: () => Promise<void>;
}>;

const startTimeoutMs = 5_000;
/** A backstop above the start's own gRPC deadline: the push route answers within this, whatever hangs. */
const answerDeadlineMs = 8_000;
const readinessTimeoutMs = 2_000;
const maxDuplicateNotesWaiting = 50;
/** Bounds every database round trip and connection handshake, so a hung database fails callers instead of piling them up. */
const databaseTimeoutMs = 5_000;
const pruneRejectionsEveryMs = 3_600_000;

/** Wires the receiver to real Temporal and MongoDB and listens; `port: 0` picks a free port (tests). */
export async function startReceiver(
  config: Config,
  logger: Logger,
  options: { now?: () => Date; metrics?: ImportMetrics } = {},
): Promise<RunningReceiver> {
  const now = options.now ?? (() => new Date());
  const keyring = createKeyring(config.encryptionKeys);
  const metrics = options.metrics ?? createImportMetrics();
  // Refusals are counted under the claimed garage only when it is one of ours (else `(unknown)`), as the garages
  // directory knows them; it is built below, and this is first called once the database answers.
  const isKnownGarage = (garageId: string): boolean => garages.get(garageId) !== undefined;
  const rejectionOptions = { isKnownGarage, retentionDays: config.rejectionRetentionDays };
  // Not awaited: pushes are accepted while the database is down (rule 1); indexes are built once it answers.
  const mongo = openMongoInBackground(
    config.mongo,
    readinessTimeoutMs,
    { socketTimeoutMS: databaseTimeoutMs, connectTimeoutMS: databaseTimeoutMs },
    {
      prepare: async ({ db, collections }) => {
        await ensureIndexes(collections);
        await rejectionLog(db, rejectionOptions).ensureIndexes();
        await rejectionLog(db, rejectionOptions).prune(now());
        const { ttl } = await operatorSessionStore(db).ensureIndexes();
        if (!ttl) logger.info('the database has no TTL indexes: ended operator sessions are pruned at each sign-in');
        const store = garageStore(db);
        await store.ensureIndexes();
        await seedBootstrapGarages(store, keyring, config.garages, now());
      },
      onRetry: (error) => logger.warn({ err: error }, 'database not ready for its indexes yet; trying again in 5 s'),
      retryEveryMs: 5_000,
    },
  );
  const temporal = createTemporalClient(config.temporal, keyring);
  const garagesStored = garageStore(mongo.db);
  const garages = garageDirectory({
    store: garagesStored,
    keyring,
    bootstrap: config.garages,
    refreshEveryMs: config.garageRefreshMs,
    now,
    onRefreshFailed: (error) =>
      logger.warn({ err: error }, 'cannot read garage changes; pushes are checked against the garages last read'),
    onSecretUnreadable: (garageId, secretId, error) =>
      logger.error({ err: error, garageId, secretId }, 'a garage secret cannot be decrypted with ENCRYPTION_KEYS'),
  });
  garages.start();
  const rejections = rejectionLog(mongo.db, rejectionOptions);
  const pruneRejections = setInterval(() => {
    rejections.prune(now()).catch((error: unknown) => logger.warn({ err: error }, 'could not prune the rejection log'));
  }, pruneRejectionsEveryMs);
  pruneRejections.unref();
  const bufferedRejections = rejectionBuffer(rejections, {
    isKnownGarage,
    capacity: 1_000,
    batchSize: 100,
    retryAfterMs: 5_000,
    onDropped: () => metrics.rejectionsDropped.inc(),
    onWriteFailed: (error) => logger.warn({ err: error }, 'could not write refused pushes yet; kept for a later try'),
  });
  const imports = importLog(mongo.collections);
  let notingDuplicates = 0;
  // Every start, from a push or a support retry, goes through here and carries the receiver's voucher. A support
  // retry is one import someone waits for: the main queue.
  const start = (workflowId: string, request: ImportRequest, lane: Lane = 'main') =>
    startImport({
      client: temporal.client,
      taskQueue: lane === 'bulk' ? config.temporal.bulkTaskQueue : config.temporal.taskQueue,
      workflowId,
      request: { ...request, voucher: vouchFor(keyring, { ...request, workflowId }) },
      timeoutMs: startTimeoutMs,
    });
  const queries = importQueries(mongo.collections);
  const support: SupportDependencies = {
    tokens: config.operatorTokens,
    queries,
    retry: importRetry({ collections: mongo.collections, keyring, start }),
    silence: silenceReport({
      garageIds: () => garages.enabledIds(),
      queries,
      thresholdBusinessHours: config.silenceBusinessHours,
      since: now(),
      now,
    }),
    whereIs: whereIsWorkOrder({
      store: workOrderEvidence({ db: mongo.db, keyring }),
      progress: importProgress(temporal.client),
      running: runningImports(temporal.client),
      keepsImportingAfterWorkStarted: (garageId) => garages.get(garageId)?.keepImportingAfterWorkStarted ?? false,
      now,
    }),
    links: webUiLinks(config.temporal.uiUrl, config.temporal.namespace),
    metrics,
    overview: importOverview({
      counts: importOverviewCounts(mongo.collections),
      refusals: refusalCounts(mongo.db),
      knownGarageIds: () => [...config.garages.keys()],
      now,
    }),
  };
  const readiness = [
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
  ];
  const receiverApp = createApp({
    logger,
    metrics,
    push: {
      auth: { garages, toleranceSeconds: config.receiver.signatureToleranceSeconds, now },
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
      laneOf: bulkLane(config.receiver.bulkLane),
      logger,
    },
    rejections: bufferedRejections,
    readiness,
  });
  const operatorApp = createOperatorApp({
    logger,
    readiness,
    trustProxy: config.trustProxy,
    auth: {
      sessions: operatorSessions({
        store: operatorSessionStore(mongo.db),
        ...config.operatorSessions,
        now,
      }),
      guesses: operatorGuessLimit(config.operatorAuthFailures),
      logger,
      metrics,
    },
    routes: [
      openApiRoute(),
      metricsRoute({
        metrics,
        silence: cachedSilenceReport(support.silence, {
          maxAgeMs: config.silenceMetricsRefreshMs,
          now: Date.now,
          onRead: () => metrics.silenceReads.inc(),
          onError: (error) =>
            logger.warn({ err: error }, 'could not read the silence report; /metrics keeps the last one'),
        }),
      }),
      importRoutes(support),
      whereIsRoute(support),
      overviewRoute(support),
      supportPage(support),
      rejectionsRoute({ tokens: config.operatorTokens, rejections }),
      garageRoutes({
        tokens: config.operatorTokens,
        garages: garageManagement({ store: garagesStored, keyring, now, changed: garages.refresh }),
      }),
      codecRoute({
        tokens: config.operatorTokens,
        codec: new EncryptionCodec(keyring, 'pass'),
        corsOrigins: config.codecCorsOrigins,
      }),
      ...(config.temporalUiUpstream === undefined
        ? []
        : [webUiProxy({ upstream: config.temporalUiUpstream, tokens: config.operatorTokens, logger })]),
    ],
  });
  const receiver = await listen(receiverApp, config.receiver.host, config.receiver.port, config.listenerLimits);
  const operator = await listen(operatorApp, config.operator.host, config.operator.port, config.listenerLimits).catch(
    async (error: unknown) => {
      await drain(receiver.server, 0);
      throw error;
    },
  );
  return {
    url: receiver.url,
    operatorUrl: operator.url,
    server: receiver.server,
    apps: { receiver: receiverApp, operator: operatorApp },
    close: async () => {
      const graceMs = config.receiver.shutdownGraceSeconds * 1000;
      await Promise.all([drain(receiver.server, graceMs), drain(operator.server, graceMs)]);
      bufferedRejections.stop();
      garages.stop();
      clearInterval(pruneRejections);
      mongo.stopPreparing();
      await bufferedRejections.settled();
      await temporal.connection.close();
      await mongo.client.close();
    },
  };
}

async function listen(
  app: Express,
  host: string,
  port: number,
  limits: ListenerLimits,
): Promise<{ server: Server; url: string }> {
  const server = boundedServer(app, limits);
  server.on('clientError', answerClientError);
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address();
  return { server, url: `http://${host}:${typeof address === 'object' && address !== null ? address.port : port}` };
}

/**
 * Stops accepting at once; requests in flight still get their answer (a 202 Carsys will not resend) within the
 * grace period, then whatever is left is cut.
 */
async function drain(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const drained = await Promise.race([closed.then(() => true), sleep(graceMs).then(() => false)]);
  if (!drained) {
    server.closeAllConnections();
    await closed;
  }
}
