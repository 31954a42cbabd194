import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { ImportMetrics } from '../metrics/import-metrics.js';
import type { SilenceReport } from '../support/silence.js';

/** `GET /metrics` in Prometheus format; the silence gauges are refreshed at each scrape. */
export function metricsRoute(deps: { metrics: ImportMetrics; silence: () => Promise<SilenceReport> }): Router {
  const router = express.Router();
  router.get('/metrics', async (_req, res) => {
    const report = await deps.silence();
    for (const garage of report.garages) {
      deps.metrics.silentHours.set({ garage: garage.garageId }, garage.silentBusinessHours);
      deps.metrics.silent.set({ garage: garage.garageId }, garage.silent ? 1 : 0);
    }
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}

/** Counts every answer of the push endpoint and times it, once the answer has gone out. */
export function countPushAnswers(metrics: ImportMetrics, knownGarages: ReadonlySet<string>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stopTimer = metrics.acceptSeconds.startTimer();
    res.on('finish', () => {
      stopTimer();
      const claimed = req.get('X-Carsys-Garage-Id') ?? '';
      const answer = typeof res.locals['answer'] === 'string' ? res.locals['answer'] : 'unknown';
      metrics.pushes.inc({
        status: String(res.statusCode),
        answer,
        garage: knownGarages.has(claimed) ? claimed : 'unknown',
      });
    });
    next();
  };
}
