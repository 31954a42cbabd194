import express, { type Request, type Response, type Router } from 'express';
import { parseEnvelope, parsePushJson } from '../domain/contract/envelope.js';
import { type ImportRequest, importIdentity, sha256Hex } from '../domain/import-request.js';
import type { Logger } from '../logging/logger.js';
import {
  checkPushHeaders,
  verifyPushSignature,
  type PushAuthentication,
  type PushHeaders,
} from './authenticate-push.js';
import { ApiError } from '../http/errors.js';
import type { Lane } from './bulk-lane.js';

export type StartImportFn = (workflowId: string, request: ImportRequest, lane: Lane) => Promise<{ started: boolean }>;

export type PushRouteDependencies = Readonly<{
  auth: PushAuthentication;
  bodyLimitBytes: number;
  retryAfterSeconds: number;
  /** Counts a resend on its import, best effort: never awaited, so a slow or absent database cannot hold the answer. */
  noteDuplicate: (importId: string, at: Date) => void;
  startImport: StartImportFn;
  /** The longest the receiver waits for Temporal before answering 503, whatever hangs behind the start. */
  answerDeadlineMs: number;
  /** Rejects with a 429 ApiError when the garage is over its budget. */
  rateLimit: (garageId: string) => Promise<void>;
  /** Whether the garage is within its share of the main task queue, or the push belongs to the bulk lane. */
  laneOf: (garageId: string) => Lane;
  logger: Logger;
}>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeJson(rawBody: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    throw new ApiError(400, 'invalid_encoding', 'The body is not valid UTF-8.');
  }
  try {
    return parsePushJson(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

function requireJsonContentType(req: Request, _res: Response, next: (error?: unknown) => void): void {
  const charset = /charset=([^;]+)/i
    .exec(req.get('Content-Type') ?? '')?.[1]
    ?.trim()
    .toLowerCase();
  if (req.is('application/json') !== 'application/json' || (charset !== undefined && charset !== 'utf-8')) {
    next(new ApiError(415, 'unsupported_media_type', 'The body must be sent as application/json in UTF-8.'));
    return;
  }
  next();
}

function unavailable(what: string, retryAfterSeconds: number): ApiError {
  return new ApiError(
    503,
    `${what}_unavailable`,
    `The push could not be recorded because the ${what} cannot be reached; please send it again later.`,
    [],
    retryAfterSeconds,
  );
}

/** Rejects once `ms` have passed, so a caller hung on a peer that neither answers nor fails still gets an answer. */
function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export const pushPath = '/carsys/v1/pushes';

/** `POST /carsys/v1/pushes`: authenticate, check the envelope, start one import workflow per push. */
export function pushRoute(deps: PushRouteDependencies): Router {
  const router = express.Router();
  const readBody = express.raw({ type: () => true, limit: deps.bodyLimitBytes });

  const checkHeaders = (req: Request, res: Response, next: (error?: unknown) => void): void => {
    try {
      res.locals['pushHeaders'] = checkPushHeaders(req, deps.auth);
      next();
    } catch (error) {
      next(error);
    }
  };

  router.post(pushPath, requireJsonContentType, checkHeaders, readBody, async (req: Request, res: Response) => {
    const requestId = String(res.locals['requestId']);
    const receivedAt = deps.auth.now();
    const rawBody: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const garage = verifyPushSignature(res.locals['pushHeaders'] as PushHeaders, rawBody, deps.auth);
    await deps.rateLimit(garage.id);
    const parsed = parseEnvelope(decodeJson(rawBody));
    if (!parsed.ok) throw new ApiError(400, parsed.code, parsed.message, parsed.issues);
    const { envelope } = parsed;
    const idempotencyKey = req.get('Idempotency-Key');
    if (idempotencyKey !== undefined && idempotencyKey !== envelope.messageId) {
      throw new ApiError(400, 'idempotency_key_mismatch', 'Idempotency-Key must equal the messageId of the body.', [
        { path: 'messageId', code: 'idempotency_key_mismatch', message: 'differs from the Idempotency-Key header' },
      ]);
    }

    const bodySha256 = sha256Hex(rawBody);
    const { importId, workflowId } = importIdentity({
      garageId: garage.id,
      dmsNumber: envelope.dmsNumber,
      messageId: envelope.messageId,
      bodySha256,
    });
    const log = deps.logger.child({ requestId, garageId: garage.id, importId, workflowId });

    const request: ImportRequest = {
      importId,
      garageId: garage.id,
      rawBodyBase64: rawBody.toString('base64'),
      bodySha256,
      receivedAt: receivedAt.toISOString(),
      requestId,
      envelope,
    };
    // Temporal alone decides: the workflow id names the push, so a resend is refused as already started. The
    // database is not asked, so pushes are accepted while it is down (product rule 1); a resend arriving after
    // Temporal's retention starts a workflow that finds the push in the import log and ends `skipped_duplicate`.
    const lane = deps.laneOf(garage.id);
    const { started } = await within(deps.startImport(workflowId, request, lane), deps.answerDeadlineMs).catch(
      (error: unknown) => {
        log.warn({ err: error }, 'Temporal unreachable while starting an import');
        throw unavailable('temporal', deps.retryAfterSeconds);
      },
    );
    if (!started) deps.noteDuplicate(importId, receivedAt);
    log.info({ answer: started ? 'accepted' : 'duplicate', lane }, started ? 'push accepted' : 'push already recorded');
    res.locals['answer'] = started ? 'accepted' : 'duplicate';
    res.status(started ? 202 : 200).json({ importId, workflowId, status: started ? 'accepted' : 'duplicate' });
  });

  return router;
}
