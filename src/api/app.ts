import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from '../logging/logger.js';
import type { RejectionBuffer } from '../store/rejection-buffer.js';
import { ApiError, sendError } from './errors.js';
import { healthRoutes, type ReadinessCheck } from './health-routes.js';
import type { ImportMetrics } from '../metrics/import-metrics.js';
import { countPushAnswers } from './metrics-route.js';
import { pushPath, pushRoute, type PushRouteDependencies } from './push-route.js';

export type AppDependencies = Readonly<{
  push: PushRouteDependencies;
  readiness: readonly ReadinessCheck[];
  /** Operator-facing routes (rejection log, codec endpoint), each guarding itself with operator tokens. */
  operatorRoutes: readonly Router[];
  /** Where refused pushes are noted for support; never waits for the database. */
  rejections: Pick<RejectionBuffer, 'record'>;
  logger: Logger;
  metrics: ImportMetrics;
}>;

const safeRequestId = /^[A-Za-z0-9._-]{1,64}$/;
const recordedRefusals = new Set([400, 401, 413, 415, 429]);

function assignRequestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get('X-Request-Id');
  const requestId = given !== undefined && safeRequestId.test(given) ? given : randomUUID();
  res.locals['requestId'] = requestId;
  res.set('X-Request-Id', requestId);
  next();
}

/** Maps body-parser's errors (size, aborted upload) to the contract's answers. */
function bodyReadError(error: unknown): ApiError | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  switch (error.type) {
    case 'entity.too.large':
      return new ApiError(413, 'body_too_large', 'The body is larger than the receiver accepts.');
    case 'request.aborted':
    case 'request.size.invalid':
      return new ApiError(400, 'body_incomplete', 'The body ended before its announced length.');
    case 'entity.parse.failed':
      return new ApiError(400, 'invalid_json', 'The body is not valid JSON.');
    default:
      return undefined;
  }
}

function bodySize(req: Request): number | null {
  if (Buffer.isBuffer(req.body)) return req.body.length;
  const declared = Number(req.get('Content-Length'));
  return Number.isFinite(declared) ? declared : null;
}

/** The receiver: the push endpoint, health checks and operator routes, with one error handler that never leaks internals. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(helmet());
  app.use(assignRequestId);
  app.use(healthRoutes(deps.readiness));
  app.use(pushPath, countPushAnswers(deps.metrics, new Set(deps.push.auth.garages.keys())));
  app.use(pushRoute(deps.push));
  for (const router of deps.operatorRoutes) app.use(router);
  app.use((_req: Request, res: Response) => {
    sendError(res, new ApiError(404, 'not_found', 'There is nothing at this address.'));
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = String(res.locals['requestId']);
    const known = error instanceof ApiError ? error : bodyReadError(error);
    if (known === undefined) {
      deps.logger.error({ requestId, err: error }, 'unexpected error');
      sendError(
        res,
        new ApiError(500, 'internal_error', 'Something went wrong on our side; please try again later.', [], 30),
      );
      return;
    }
    const garageIdClaimed = req.get('X-Carsys-Garage-Id')?.slice(0, 128) ?? null;
    deps.logger.info(
      { requestId, status: known.status, code: known.code, path: req.path, garageIdClaimed },
      'request refused',
    );
    if (req.path === pushPath && recordedRefusals.has(known.status)) {
      const rejection = {
        garageIdClaimed,
        status: known.status,
        code: known.code,
        at: new Date(),
        sizeBytes: bodySize(req),
        requestId,
      };
      deps.rejections.record(rejection);
    }
    sendError(res, known);
  });
  return app;
}
