import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../logging/logger.js';
import { ApiError, sendError } from './errors.js';
import { healthRoutes, type ReadinessCheck } from './health-routes.js';
import { pushRoute, type PushRouteDependencies } from './push-route.js';

export type AppDependencies = Readonly<{
  push: PushRouteDependencies;
  readiness: readonly ReadinessCheck[];
  logger: Logger;
}>;

const safeRequestId = /^[A-Za-z0-9._-]{1,64}$/;

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
    default:
      return undefined;
  }
}

/** The receiver: the push endpoint and health checks, with one error handler that never leaks internals. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(assignRequestId);
  app.use(healthRoutes(deps.readiness));
  app.use(pushRoute(deps.push));
  app.use((_req: Request, res: Response) => {
    sendError(res, new ApiError(404, 'not_found', 'There is nothing at this address.'));
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = error instanceof ApiError ? error : bodyReadError(error);
    if (known !== undefined) {
      deps.logger.info(
        { requestId: res.locals['requestId'], status: known.status, code: known.code, path: req.path },
        'request refused',
      );
      sendError(res, known);
      return;
    }
    deps.logger.error({ requestId: res.locals['requestId'], err: error }, 'unexpected error');
    sendError(
      res,
      new ApiError(500, 'internal_error', 'Something went wrong on our side; please send it again later.', [], 30),
    );
  });
  return app;
}
