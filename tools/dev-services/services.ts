import { serviceNames } from './all-services.js';
import { DevServicesError } from './dev-services-error.js';
import type { ServiceName } from './pinned-versions.js';
import type { Progress } from './progress.js';
import { resolveServiceOptions, servicesInfo, type ServiceOptions, type ServicesInfo } from './service-options.js';
import { startService } from './start-service.js';
import { stopService } from './stop-service.js';

/**
 * Starts Temporal (with its Web UI) and FerretDB in the background, side by side, and resolves when both answer.
 * Services already running are left as they are.
 */
export async function startServices(options: ServiceOptions = {}): Promise<ServicesInfo> {
  resolveServiceOptions(options); // a bad port variable fails once, before anything starts
  await settleAll(serviceNames, (name) => startService(name, options));
  return servicesInfo(options);
}

/** Stops both services if this tool started them. */
export async function stopServices(options: { progress?: Progress } = {}): Promise<void> {
  await settleAll(serviceNames, (name) => stopService(name, options));
}

/** Runs the action for every service to the end, then reports every failure together. */
async function settleAll(names: readonly ServiceName[], action: (name: ServiceName) => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(names.map(action));
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    throw new DevServicesError(
      failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join('\n\n'),
    );
  }
}
