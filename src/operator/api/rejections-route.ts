import express, { type Router } from 'express';
import { z } from 'zod';
import type { OperatorToken } from '../../config.js';
import type { RejectionLog } from '../../store/rejections.js';
import { ApiError } from '../../http/errors.js';
import { requireOperator } from '../operator-auth.js';

const RejectionsQuery = z.object({
  garageId: z.string().max(128).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * `GET /api/v1/rejections`: refused pushes counted per claimed garage, reason and hour, newest hour first, for
 * operators with the read scope. Ids that are not configured garages are counted under `(unknown)`.
 */
export function rejectionsRoute(deps: { tokens: readonly OperatorToken[]; rejections: RejectionLog }): Router {
  const router = express.Router();
  router.get('/api/v1/rejections', requireOperator(deps.tokens, 'read'), async (req, res) => {
    const query = RejectionsQuery.safeParse(req.query);
    if (!query.success) {
      throw new ApiError(
        400,
        'invalid_query',
        'garageId must be text, from and to ISO 8601 instants with an offset, and limit 1 to 500.',
      );
    }
    const { garageId, from, to, limit } = query.data;
    const items = await deps.rejections.list({
      garageId,
      from: from === undefined ? undefined : new Date(from),
      to: to === undefined ? undefined : new Date(to),
      limit,
    });
    res.json({ items });
  });
  return router;
}
