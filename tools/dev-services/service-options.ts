import { DevServicesError } from './dev-services-error.js';
import { terminalProgress, type Progress } from './progress.js';

/** How to run the local services; every port also reads its environment variable, then falls back to the default. */
export type ServiceOptions = Readonly<{
  /** Temporal frontend gRPC port (`TEMPORAL_PORT`, default 7233). */
  temporalPort?: number;
  /** Temporal Web UI port (`TEMPORAL_UI_PORT`, default: the frontend port + 1000, so 8233). */
  temporalUiPort?: number;
  /** FerretDB MongoDB-wire port (`FERRETDB_PORT`, default 27017). */
  ferretdbPort?: number;
  /** FerretDB debug/metrics HTTP port (`FERRETDB_DEBUG_PORT`, default 8088). */
  ferretdbDebugPort?: number;
  /** How long to wait for each service to answer after starting it (default 120 s). */
  readyTimeoutMs?: number;
  /** Where start/stop report what they do (default: stderr). */
  progress?: Progress;
}>;

export type ResolvedServiceOptions = Readonly<{
  host: string;
  temporalPort: number;
  temporalUiPort: number;
  ferretdbPort: number;
  ferretdbDebugPort: number;
  readyTimeoutMs: number;
  progress: Progress;
}>;

/** Where clients reach the services. */
export type ServicesInfo = Readonly<{ temporalAddress: string; temporalUiUrl: string; mongoUrl: string }>;

/** The services listen on the loopback interface only. */
const HOST = '127.0.0.1';

export function resolveServiceOptions(options: ServiceOptions = {}): ResolvedServiceOptions {
  const temporalPort = options.temporalPort ?? portFromEnv('TEMPORAL_PORT') ?? 7233;
  return {
    host: HOST,
    temporalPort,
    temporalUiPort: options.temporalUiPort ?? portFromEnv('TEMPORAL_UI_PORT') ?? temporalPort + 1000,
    ferretdbPort: options.ferretdbPort ?? portFromEnv('FERRETDB_PORT') ?? 27017,
    ferretdbDebugPort: options.ferretdbDebugPort ?? portFromEnv('FERRETDB_DEBUG_PORT') ?? 8088,
    readyTimeoutMs: options.readyTimeoutMs ?? 120_000,
    progress: options.progress ?? terminalProgress,
  };
}

export function servicesInfo(options: ServiceOptions = {}): ServicesInfo {
  return infoFor(resolveServiceOptions(options));
}

export function infoFor(o: ResolvedServiceOptions): ServicesInfo {
  return {
    temporalAddress: `${o.host}:${o.temporalPort}`,
    temporalUiUrl: `http://${o.host}:${o.temporalUiPort}`,
    mongoUrl: `mongodb://${o.host}:${o.ferretdbPort}/`,
  };
}

function portFromEnv(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DevServicesError(`${name}=${text} is not a port number (1-65535)`);
  }
  return port;
}
