// `npm start`: everything on embedded defaults, for a newcomer: local Temporal dev server and database, a worker,
// the receiver and a demo garage, with the URLs printed.
import { loadConfig } from '../src/config.js';
import { ensureServiceBinaries, startServices } from './dev-services/index.js';
import { createLogger } from '../src/logging/logger.js';
import { createImportMetrics } from '../src/metrics/import-metrics.js';
import { startReceiver } from '../src/main/start-receiver.js';
import { startWorker } from '../src/main/start-worker.js';
import { demoGarage } from './demo-garage.js';
import { loadOrCreateDemoSecrets } from './demo-secrets.js';
import { runUntilSignal } from '../src/main/run-until-signal.js';
import { startOrExplain } from '../src/main/start-failure.js';
import { webUiPublicPath } from '../src/operator/web-ui-proxy.js';

await ensureServiceBinaries();
const operatorUrl = `http://${process.env['OPERATOR_HOST'] ?? '127.0.0.1'}:${process.env['OPERATOR_PORT'] ?? '3001'}`;
const services = await startServices();
const demo = loadOrCreateDemoSecrets();
const { config, worker, receiver, logger } = await startOrExplain('npm start', async () => {
  const config = loadConfig({
    ENCRYPTION_KEYS: JSON.stringify(demo.encryptionKeys),
    OPERATOR_TOKENS: JSON.stringify([
      { name: 'demo-operator', token: demo.operatorToken, scopes: ['read', 'retry', 'decode', 'garages'] },
    ]),
    TEMPORAL_ADDRESS: services.temporalAddress,
    // The operator listener serves the Web UI beside its codec endpoint, so the UI decodes for signed-in operators.
    TEMPORAL_UI_UPSTREAM: services.temporalUiUrl,
    TEMPORAL_UI_URL: `${operatorUrl}${webUiPublicPath}`,
    MONGODB_URL: services.mongoUrl,
    CARSYS_GARAGES: JSON.stringify([demoGarage]),
    LOG_LEVEL: 'warn',
    ...process.env,
  });
  const logger = createLogger({ level: config.logLevel, name: 'carsys-import' });
  // One process runs both, so one metrics registry serves the worker's and the receiver's figures at /metrics.
  const metrics = createImportMetrics();
  const worker = await startWorker(config, logger, { metrics });
  const receiver = await startReceiver(config, logger, { metrics });
  return { config, worker, receiver, logger };
});

process.stdout.write(
  [
    '',
    'Carsys push import is running.',
    `  Receiver:         ${receiver.url}  (POST /carsys/v1/pushes, GET /healthz, GET /readyz)`,
    `  Temporal Web UI:  ${config.temporal.uiUrl}/namespaces/${config.temporal.namespace}/workflows  (same sign-in)`,
    `  Temporal server:  ${config.temporal.address}`,
    `  Database:         ${config.mongo.url} (database "${config.mongo.database}")`,
    `  Demo garage id:   ${demoGarage.id}`,
    `  Demo secret:      ${demoGarage.secrets[0] ?? ''}`,
    `  Support page:     ${receiver.operatorUrl}/support  (operator token: ${demo.operatorToken})`,
    `  Import API:       ${receiver.operatorUrl}/api/v1/imports  (Authorization: Bearer <operator token>)`,
    `  API docs:         ${receiver.operatorUrl}/openapi.json`,
    `  Metrics:          ${receiver.operatorUrl}/metrics`,
    '',
    'Send an example push:  npm run push -- examples/pushes/valid-full.json',
    'Stop with Ctrl-C (the Temporal and database services keep running: npm run services -- stop).',
    '',
  ].join('\n'),
);

await runUntilSignal(logger, async () => {
  await receiver.close();
  await worker.close();
});
