import express, { type Router } from 'express';
import { parseOrRefuse } from '../../http/errors.js';
import { requireOperator } from '../operator-auth.js';
import type { SupportDependencies } from '../operator-dependencies.js';
import { WhereIsQuery } from './where-is-schema.js';

export const whereIsPath = '/api/v1/where-is';

/** `GET /api/v1/where-is?garageId&number`: which case a missing work order is, with the evidence. */
export function whereIsRoute(deps: Pick<SupportDependencies, 'tokens' | 'whereIs'>): Router {
  const router = express.Router();
  router.get(whereIsPath, requireOperator(deps.tokens, 'read'), async (req, res) => {
    const question = parseOrRefuse(WhereIsQuery, req.query, {
      code: 'invalid_request',
      message: 'Give a garageId and a number (WO number, registration or DMS number).',
    });
    res.json(await deps.whereIs(question));
  });
  return router;
}
