import express, { type Request, type Router } from 'express';
import type { z } from 'zod';
import type { OperatorToken } from '../../config.js';
import { parseOrRefuse } from '../../http/errors.js';
import type { GarageManagement } from '../manage-garages.js';
import { requireOperator } from '../operator-auth.js';
import { AddGarageRequest, NewSecretRequest, RetireSecretRequest } from './garage-schemas.js';

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  return parseOrRefuse(schema, input ?? {}, { code: 'invalid_request', message: 'Some fields are not valid.' });
}

const operatorName = (req: Request) => String(req.res?.locals['operator'] ?? 'unknown');
const garageId = (req: Request) => String(req.params['garageId']);

/** Garages as data: read with the `read` scope, changed only with the `garages` scope, every change audited. */
export function garageRoutes(deps: { tokens: readonly OperatorToken[]; garages: GarageManagement }): Router {
  const router = express.Router();
  const read = requireOperator(deps.tokens, 'read');
  const manage = requireOperator(deps.tokens, 'garages');
  const body = express.json({ limit: '16kb' });

  router.get('/api/v1/garages', read, async (_req, res) => {
    res.json({ items: await deps.garages.list() });
  });

  router.get('/api/v1/garages/:garageId', read, async (req, res) => {
    res.json(await deps.garages.show(garageId(req)));
  });

  router.post('/api/v1/garages', manage, body, async (req, res) => {
    const input = parse(AddGarageRequest, req.body);
    res.status(201).json(await deps.garages.add(input, operatorName(req)));
  });

  router.post('/api/v1/garages/:garageId/secrets', manage, body, async (req, res) => {
    const { graceHours } = parse(NewSecretRequest, req.body);
    res.status(201).json(await deps.garages.issueSecret(garageId(req), graceHours, operatorName(req)));
  });

  router.post('/api/v1/garages/:garageId/secrets/retire', manage, body, async (req, res) => {
    const { secretId } = parse(RetireSecretRequest, req.body);
    res.json(await deps.garages.retireSecret(garageId(req), secretId, operatorName(req)));
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    router.post(`/api/v1/garages/:garageId/${action}`, manage, async (req, res) => {
      res.json(await deps.garages.setDisabled(garageId(req), disabled, operatorName(req)));
    });
  }

  return router;
}
