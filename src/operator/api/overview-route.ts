import express, { type Router } from 'express';
import { parseOrRefuse } from '../../http/errors.js';
import { requireOperator } from '../operator-auth.js';
import type { SupportDependencies } from '../operator-dependencies.js';
import { OverviewQuery } from './overview-schema.js';

export const overviewPath = '/api/v1/overview';

/** `GET /api/v1/overview?garageId&to`: per garage, the last 24 hours and 7 days of pushes and how they ended. */
export function overviewRoute(deps: Pick<SupportDependencies, 'tokens' | 'overview'>): Router {
  const router = express.Router();
  router.get(overviewPath, requireOperator(deps.tokens, 'read'), async (req, res) => {
    const question = parseOrRefuse(OverviewQuery, req.query, {
      code: 'invalid_request',
      message: 'garageId must be text of 1 to 128 characters and to an ISO 8601 date.',
    });
    res.json(await deps.overview(question));
  });
  return router;
}
