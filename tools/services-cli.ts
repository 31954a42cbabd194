import { parseArgs } from 'node:util';
import {
  DevServicesError,
  ensureServiceBinaries,
  servicesInfo,
  servicesStatus,
  startService,
  startServices,
  stopService,
  stopServices,
  terminalProgress,
  type ServiceName,
  type ServiceOptions,
} from './dev-services/index.js';
import { webUiPublicPath } from '../src/operator/web-ui-proxy.js';

const usage = `Usage: npm run services -- <command> [temporal|ferretdb] [options]

Runs the local Temporal dev server (with Web UI) and FerretDB, built from their Go modules.

Commands:
  install   build the pinned binaries if missing (go install; minutes the first time)
  start     install, then start both services (or the one named) in the background
  stop      stop both services (or the one named)
  status    show what runs where

Options:
  --temporal-port <port>     Temporal frontend (env TEMPORAL_PORT, default 7233)
  --temporal-ui-port <port>  Temporal Web UI (env TEMPORAL_UI_PORT, default frontend + 1000)
  --ferretdb-port <port>     FerretDB (env FERRETDB_PORT, default 27017)
  --timeout <seconds>        how long start waits for each service to answer (default 120)

Binaries: $CLAIRE_TOOLS_DIR or ~/.cache/claire-carsys/bin. Data, logs, pid files: $CLAIRE_DATA_DIR or .data/.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'temporal-port': { type: 'string' },
    'temporal-ui-port': { type: 'string' },
    'ferretdb-port': { type: 'string' },
    timeout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const [command, target, ...extra] = positionals;

function serviceName(text: string | undefined): ServiceName | undefined {
  if (text === undefined || text === 'temporal' || text === 'ferretdb') return text;
  throw new DevServicesError(`Unknown service "${text}": use temporal or ferretdb`);
}

function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new DevServicesError(`--${flag} ${text} is not a positive integer`);
  return value;
}

function optionsFromFlags(): ServiceOptions {
  const timeoutSeconds = number('timeout', values.timeout);
  return {
    temporalPort: number('temporal-port', values['temporal-port']),
    temporalUiPort: number('temporal-ui-port', values['temporal-ui-port']),
    ferretdbPort: number('ferretdb-port', values['ferretdb-port']),
    readyTimeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    progress: terminalProgress,
  };
}

async function printStatus(options: ServiceOptions): Promise<void> {
  const rows = (await servicesStatus(options)).map((s) => [
    s.name,
    s.state,
    s.pid === undefined ? '-' : String(s.pid),
    s.endpoints.join('  '),
    s.logFile,
  ]);
  const table = [['SERVICE', 'STATE', 'PID', 'ENDPOINTS', 'LOG'], ...rows];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  for (const row of table)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    );
}

async function main(): Promise<void> {
  if (values.help || command === undefined) {
    console.log(usage);
    return;
  }
  if (extra.length > 0) throw new DevServicesError(`Unexpected arguments: ${extra.join(' ')}\n\n${usage}`);
  const name = serviceName(target);
  const options = optionsFromFlags();
  const started = Date.now();

  switch (command) {
    case 'install':
      await ensureServiceBinaries(terminalProgress);
      break;
    case 'start': {
      await ensureServiceBinaries(terminalProgress);
      if (name) await startService(name, options);
      else await startServices(options);
      const info = servicesInfo(options);
      const urls = {
        temporal: [
          `Temporal:  ${info.temporalAddress}`,
          // It decodes payloads only where the operator listener serves it, beside its codec endpoint.
          `Web UI:    ${info.temporalUiUrl}${webUiPublicPath}  (decoded: the operator listener's ${webUiPublicPath})`,
        ],
        ferretdb: [`MongoDB:   ${info.mongoUrl}`],
      };
      console.log(['', ...(name ? urls[name] : [...urls.temporal, ...urls.ferretdb]), ''].join('\n'));
      console.log(`Stop with: npm run services -- stop${name ? ` ${name}` : ''}`);
      break;
    }
    case 'stop':
      if (name) await stopService(name, options);
      else await stopServices(options);
      break;
    case 'status':
      await printStatus(options);
      return;
    default:
      throw new DevServicesError(`Unknown command "${command}"\n\n${usage}`);
  }
  terminalProgress(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof DevServicesError ? `Error: ${error.message}` : error);
  process.exitCode = 1;
});
