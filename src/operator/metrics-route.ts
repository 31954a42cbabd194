import express, { type Router } from 'express';
import type { ImportMetrics } from '../metrics/import-metrics.js';
import type { SilenceReport } from './silence.js';

/** `GET /metrics` in Prometheus format; the silence gauges come from `silence`, a report cached between reads. */
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
