import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { GarageConfig } from '../../src/config.js';
import { silentProgress, type ServiceOptions } from '../dev-services/index.js';
import { portOpen } from '../dev-services/probes.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Services, logs and pid files of the fault run: apart from `npm start`'s and the tests'. */
export const faultDataDir = `${repoRoot}.data/faults`;

const host = '127.0.0.1';
export const ports = { temporal: 7333, temporalUi: 8333, ferretdb: 27117, ferretdbDebug: 8188, receiver: 3333 };

export const serviceOptions: ServiceOptions = {
  temporalPort: ports.temporal,
  temporalUiPort: ports.temporalUi,
  ferretdbPort: ports.ferretdb,
  ferretdbDebugPort: ports.ferretdbDebug,
  readyTimeoutMs: 120_000,
  progress: silentProgress,
};

/** How long the receiver asks Carsys to wait before resending, kept short so a run takes minutes. */
export const retryAfterSeconds = 2;

/** One garage per fault, so each fault's pushes, imports and documents are counted apart. */
export function faultGarage(name: string): GarageConfig {
  return {
    id: `faults-${name}`,
    secrets: [`fault-run-secret-${randomBytes(12).toString('hex')}`],
    keepImportingAfterWorkStarted: false,
  };
}

/** The environment of the worker and receiver processes, as an operator would configure them. */
export function childEnv(garages: readonly GarageConfig[], database: string): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: `${host}:${ports.temporal}`,
    TEMPORAL_UI_URL: `http://${host}:${ports.temporalUi}`,
    TEMPORAL_TASK_QUEUE: `faults-${database}`,
    MONGODB_URL: `mongodb://${host}:${ports.ferretdb}/`,
    MONGODB_DATABASE: database,
    RECEIVER_HOST: host,
    RECEIVER_PORT: String(ports.receiver),
    RETRY_AFTER_SECONDS: String(retryAfterSeconds),
    // Resends during an outage count against the garage's budget too; this run measures faults, not the limit.
    RATE_LIMIT_PER_MINUTE: '1000000',
    CARSYS_GARAGES: JSON.stringify(garages),
    ENCRYPTION_KEYS: JSON.stringify([{ id: 'faults-1', key: randomBytes(32).toString('base64') }]),
    LOG_LEVEL: 'warn',
  };
}

/** Fails before anything starts when another process already listens on one of the run's ports. */
export async function assertPortsFree(): Promise<void> {
  const taken: number[] = [];
  for (const port of Object.values(ports)) if (await portOpen(host, port)) taken.push(port);
  if (taken.length > 0) {
    throw new Error(`ports ${taken.join(', ')} are taken; the fault run needs ${Object.values(ports).join(', ')} free`);
  }
}
