import { rm } from 'node:fs/promises';
import {
  ensureServiceBinaries,
  serviceFiles,
  servicesStatus,
  startServices,
  stopServices,
} from '../../tools/dev-services/index.js';
import type { ServicesInfo } from '../../tools/dev-services/index.js';
import { benchSettings } from '../settings.js';

export type BenchServices = Readonly<{
  info: ServicesInfo;
  /** Process ids of the Temporal dev server and FerretDB, to count their CPU time. */
  pids: Readonly<Record<'temporal' | 'ferretdb', number>>;
  reused: boolean;
  stop: () => Promise<void>;
}>;

const progress = (line: string): void => console.error(`  ${line}`);

/**
 * Starts the bench's own Temporal dev server and FerretDB (own ports, own data dir) from empty data, so every run
 * starts from the same state; or reuses them, data and all, when they already run. Only services this run started
 * are stopped again.
 */
export async function startBenchServices(): Promise<BenchServices> {
  // The dev-services module reads its data dir from the environment on every call.
  process.env['CLAIRE_DATA_DIR'] = benchSettings.dataDir;
  const options = { ...benchSettings.services, progress };
  await ensureServiceBinaries(progress);
  const before = await servicesStatus(options);
  const reused = before.every((service) => service.state === 'running');
  if (before.every((service) => service.state === 'stopped')) {
    await Promise.all(
      (['temporal', 'ferretdb'] as const).map((name) => rm(serviceFiles(name).data, { recursive: true, force: true })),
    );
  }
  const info = await startServices(options);
  const after = await servicesStatus(options);
  const pidOf = (name: string): number => after.find((service) => service.name === name)?.pid ?? 0;
  return {
    info,
    pids: { temporal: pidOf('temporal'), ferretdb: pidOf('ferretdb') },
    reused,
    stop: async () => {
      if (reused) progress('the bench services were already running before the bench; left running');
      else await stopServices({ progress });
    },
  };
}
