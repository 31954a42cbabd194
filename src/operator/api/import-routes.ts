import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { ImportFilter, ImportSearch } from '../../store/import-filter.js';
import { retryRefusalStatus, type RetryRefusal, type RetryStarted } from '../retry-imports.js';
import { ApiError, parseOrRefuse } from '../../http/errors.js';
import { importView } from './import-view.js';
import { requireOperator } from '../operator-auth.js';
import type { SupportDependencies } from '../operator-dependencies.js';

export const BulkRetryRequest = ImportFilter.omit({ status: true }).extend({
  dryRun: z.boolean().default(true).describe('true (the default) only says what would be retried'),
});

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  return parseOrRefuse(schema, input, { code: 'invalid_request', message: 'Some parameters are not valid.' });
}

function retryAnswer(result: RetryRefusal | RetryStarted) {
  return result.refused ? { error: { code: result.code, message: result.message } } : result;
}

const operatorName = (req: Request) => String(req.res?.locals['operator'] ?? 'unknown');

/** The import log API for support and on-call: search, detail, timeline, retry one or many, silence. */
export function importRoutes(deps: SupportDependencies): Router {
  const router = express.Router();
  const read = requireOperator(deps.tokens, 'read');
  const retry = requireOperator(deps.tokens, 'retry');

  router.get('/api/v1/imports', read, async (req, res) => {
    const { cursor, limit, ...filter } = parse(ImportSearch, req.query);
    const page = await deps.queries.search(filter, { cursor, limit });
    res.json({ items: page.items.map((item) => importView(item, deps.links)), nextCursor: page.nextCursor });
  });

  router.get('/api/v1/imports/:importId', read, async (req, res) => {
    const record = await deps.queries.find(String(req.params['importId']));
    if (record === null) throw new ApiError(404, 'not_found', 'There is no import with this id.');
    res.json(importView(record, deps.links));
  });

  router.get('/api/v1/garages/:garageId/appointments/:dmsNumber/timeline', read, async (req, res) => {
    const items = await deps.queries.timeline(String(req.params['garageId']), String(req.params['dmsNumber']));
    res.json({ items: items.map((item) => importView(item, deps.links)) });
  });

  router.post('/api/v1/imports/:importId/retry', retry, async (req, res) => {
    const result = await deps.retry.retryOne(String(req.params['importId']), operatorName(req));
    deps.metrics.retries.inc({ result: result.refused ? result.code : 'started' });
    res.status(result.refused ? retryRefusalStatus[result.code] : 202).json(retryAnswer(result));
  });

  router.post('/api/v1/imports/retry', retry, express.json({ limit: '16kb' }), async (req, res) => {
    const { dryRun, ...filter } = parse(BulkRetryRequest, req.body ?? {});
    const candidates = await deps.retry.candidates(filter);
    if (dryRun) {
      res.json({ dryRun: true, total: candidates.total, wouldRetry: candidates.imports });
      return;
    }
    const results = await deps.retry.retryMatching(filter, operatorName(req));
    for (const result of results) deps.metrics.retries.inc({ result: result.refused ? result.code : 'started' });
    res.status(202).json({ dryRun: false, total: candidates.total, results: results.map(retryAnswer) });
  });

  router.get('/api/v1/garages/silence', read, async (_req, res) => {
    res.json(await deps.silence());
  });

  return router;
}
