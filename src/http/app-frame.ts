import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from '../logging/logger.js';
import { ApiError, sendError } from './errors.js';

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
    case 'entity.parse.failed':
      return new ApiError(400, 'invalid_json', 'The body is not valid JSON.');
    case 'encoding.unsupported':
      return new ApiError(415, 'unsupported_content_encoding', 'The body must be sent without a Content-Encoding.');
    case 'charset.unsupported':
      return new ApiError(415, 'unsupported_charset', 'The body must be sent in UTF-8.');
    case 'parameters.too.many':
      return new ApiError(413, 'too_many_fields', 'The form has more fields than any of our forms.');
    default:
      return undefined;
  }
}

/**
 * Any other client error Express or its parsers raise (a malformed percent-escape in the path, for one) is the
 * caller's: a 4xx in the error format, never a 500 with a stack trace in our logs.
 */
function clientError(error: unknown): ApiError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = 'status' in error && typeof error.status === 'number' ? error.status : undefined;
  if (status === undefined || status < 400 || status > 499) return undefined;
  return new ApiError(status, 'bad_request', 'The request could not be read; check its path, headers and body.');
}

/** What every listener does first: security headers, no banner, no ETags, a request id on every answer. */
export function baseApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(helmet());
  app.use(assignRequestId);
  return app;
}

/**
 * What every listener does last: a 404 in the error format, and one error handler that never leaks internals.
 * `onRefusal` sees each refused request (the receiver records refused pushes for support).
 */
export function answerErrors(
  app: Express,
  logger: Logger,
  onRefusal: (req: Request, refusal: ApiError, requestId: string) => void = () => undefined,
): Express {
  app.use((_req: Request, res: Response) => {
    sendError(res, new ApiError(404, 'not_found', 'There is nothing at this address.'));
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = String(res.locals['requestId']);
    const known = error instanceof ApiError ? error : (bodyReadError(error) ?? clientError(error));
    if (known === undefined) {
      logger.error({ requestId, err: error }, 'unexpected error');
      sendError(
        res,
        new ApiError(500, 'internal_error', 'Something went wrong on our side; please try again later.', [], 30),
      );
      return;
    }
    const garageIdClaimed = req.get('X-Carsys-Garage-Id')?.slice(0, 128) ?? null;
    logger.info(
      { requestId, status: known.status, code: known.code, path: req.path, garageIdClaimed },
      'request refused',
    );
    onRefusal(req, known, requestId);
    sendError(res, known);
  });
  return app;
}
