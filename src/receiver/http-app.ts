import type { Express, Request } from 'express';
import { answerErrors, baseApp } from '../http/app-frame.js';
import { healthRoutes, type ReadinessCheck } from '../http/health-routes.js';
import type { Logger } from '../logging/logger.js';
import type { ImportMetrics } from '../metrics/import-metrics.js';
import type { RejectionBuffer } from '../store/rejection-buffer.js';
import { countPushAnswers } from './count-push-answers.js';
import { pushPath, pushRoute, type PushRouteDependencies } from './push-route.js';

export type AppDependencies = Readonly<{
  push: PushRouteDependencies;
  readiness: readonly ReadinessCheck[];
  /** Where refused pushes are noted for support; never waits for the database. */
  rejections: Pick<RejectionBuffer, 'record'>;
  logger: Logger;
  metrics: ImportMetrics;
}>;

const recordedRefusals = new Set([400, 401, 413, 415, 429]);

function bodySize(req: Request): number | null {
  if (Buffer.isBuffer(req.body)) return req.body.length;
  const declared = Number(req.get('Content-Length'));
  return Number.isFinite(declared) ? declared : null;
}

/** The Carsys-facing listener: the push endpoint and health, nothing else (the operator surface has its own). */
export function createApp(deps: AppDependencies): Express {
  const app = baseApp();
  app.use(healthRoutes(deps.readiness));
  app.use(
    pushPath,
    countPushAnswers(deps.metrics, (garageId) => deps.push.auth.garages.get(garageId) !== undefined),
  );
  app.use(pushRoute(deps.push));
  return answerErrors(app, deps.logger, (req, refusal, requestId) => {
    if (req.path !== pushPath || !recordedRefusals.has(refusal.status)) return;
    const rejection = {
      garageIdClaimed: req.get('X-Carsys-Garage-Id')?.slice(0, 128) ?? null,
      status: refusal.status,
      code: refusal.recordedCode ?? refusal.code,
      at: new Date(),
      sizeBytes: bodySize(req),
      requestId,
    };
    deps.rejections.record(rejection);
  });
}
