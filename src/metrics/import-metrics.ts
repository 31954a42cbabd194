import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The pipeline's Prometheus metrics, on a registry of their own so tests and in-process runs never double-register.
 * Labels carry garage ids and outcomes, never personal data; an unknown garage id is labelled `unknown` so forged
 * headers cannot blow up the label set.
 */
export function createImportMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'carsys_import_' });
  return {
    registry,
    pushes: new Counter({
      name: 'carsys_pushes_total',
      help: 'Pushes answered by the receiver, by HTTP status, answer code and garage',
      labelNames: ['status', 'answer', 'garage'] as const,
      registers: [registry],
    }),
    acceptSeconds: new Histogram({
      name: 'carsys_push_accept_seconds',
      help: 'Time from request to answer on POST /carsys/v1/pushes',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    imports: new Counter({
      name: 'carsys_imports_total',
      help: 'Imports finished by the worker, by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    importSeconds: new Histogram({
      name: 'carsys_import_duration_seconds',
      help: 'Time from receiving a push to its import finishing',
      labelNames: ['outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    retries: new Counter({
      name: 'carsys_support_retries_total',
      help: 'Retries of failed imports asked for by support, by result',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    rejectionsDropped: new Counter({
      name: 'carsys_rejections_dropped_total',
      help: 'Refused pushes left out of the rejection log because the database stayed away while its buffer was full',
      registers: [registry],
    }),
    operatorAuthFailures: new Counter({
      name: 'carsys_operator_auth_failures_total',
      help: 'Wrong operator tokens presented, by surface (support_login, api, codec); never the token',
      labelNames: ['surface'] as const,
      registers: [registry],
    }),
    silenceReads: new Counter({
      name: 'carsys_silence_report_reads_total',
      help: "Database reads of the garages' last pushes for the silence gauges (at most one per SILENCE_METRICS_REFRESH_SECONDS)",
      registers: [registry],
    }),
    silentHours: new Gauge({
      name: 'carsys_garage_silent_business_hours',
      help: 'Business hours since the garage last pushed',
      labelNames: ['garage'] as const,
      registers: [registry],
    }),
    silent: new Gauge({
      name: 'carsys_garage_silent',
      help: '1 when the garage has been silent for at least the configured business hours',
      labelNames: ['garage'] as const,
      registers: [registry],
    }),
  };
}
export type ImportMetrics = ReturnType<typeof createImportMetrics>;
