import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import type { OperatorToken } from '../config.js';
import { DecryptionError } from '../crypto/aes-gcm.js';
import { ApiError } from '../http/errors.js';
import { requireOperator } from './operator-auth.js';

// The Web UI and `temporal` CLI send payloads as JSON: metadata values and data base64-encoded.
const JsonPayloads = z.object({
  payloads: z.array(
    z.object({
      metadata: z.record(z.string(), z.string()).optional(),
      data: z.string().optional(),
    }),
  ),
});
type JsonPayload = z.infer<typeof JsonPayloads>['payloads'][number];

function fromJson(payload: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
    ),
    data: Buffer.from(payload.data ?? '', 'base64'),
  };
}

function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}

/** CORS for the Web UI's origin only; the UI asks first with a preflight. */
function corsFor(origins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.get('Origin');
    if (origin !== undefined && origins.includes(origin)) {
      res.set({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Namespace',
        Vary: 'Origin',
      });
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}

/**
 * `POST /codec/decode` and `/codec/encode`: the Temporal Web UI's remote codec, so an authorised operator still
 * reads encrypted payloads in the UI. Needs an operator token with the decode scope.
 */
export function codecRoute(deps: {
  tokens: readonly OperatorToken[];
  codec: PayloadCodec;
  corsOrigins: readonly string[];
}): Router {
  const router = express.Router();
  const handle = (direction: 'encode' | 'decode') => async (req: Request, res: Response) => {
    const parsed = JsonPayloads.safeParse(req.body);
    if (!parsed.success)
      throw new ApiError(400, 'invalid_payloads', 'The body must be {"payloads": [...]} as the Web UI sends it.');
    const payloads = parsed.data.payloads.map(fromJson);
    const result = await (direction === 'decode' ? deps.codec.decode(payloads) : deps.codec.encode(payloads)).catch(
      (error: unknown) => {
        if (error instanceof DecryptionError) throw new ApiError(422, 'cannot_decode', error.message);
        throw error;
      },
    );
    res.json({ payloads: result.map(toJson) });
  };
  const common = [corsFor(deps.corsOrigins), requireOperator(deps.tokens, 'decode'), express.json({ limit: '4mb' })];
  router.options('/codec/:direction', corsFor(deps.corsOrigins));
  router.post('/codec/decode', ...common, handle('decode'));
  router.post('/codec/encode', ...common, handle('encode'));
  return router;
}
