import express, { type Router } from 'express';
import { z } from 'zod';
import type { OperatorToken } from '../../config.js';
import type { RejectionLog } from '../../store/rejections.js';
import { ApiError } from '../../http/errors.js';
import { requireOperator } from '../operator-auth.js';

const RejectionsQuery = z.object({
  garageId: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** `GET /api/v1/rejections`: refused pushes, newest first, for operators with the read scope. */
export function rejectionsRoute(deps: { tokens: readonly OperatorToken[]; rejections: RejectionLog }): Router {
  const router = express.Router();
  router.get('/api/v1/rejections', requireOperator(deps.tokens, 'read'), async (req, res) => {
    const query = RejectionsQuery.safeParse(req.query);
    if (!query.success) throw new ApiError(400, 'invalid_query', 'garageId must be text and limit 1 to 500.');
    const items = await deps.rejections.list({
      limit: query.data.limit,
      ...(query.data.garageId === undefined ? {} : { garageIdClaimed: query.data.garageId }),
    });
    res.json({ items });
  });
  return router;
}
