import { access, constants, mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { serviceDefinitions } from './all-services.js';
import { DevServicesError } from './dev-services-error.js';
import { logTail } from './log-tail.js';
import { isServiceProcess, livePid, removePidFile, writePidFile } from './pid-file.js';
import { binaryPath, dataDir, serviceFiles } from './paths.js';
import { portOpen } from './probes.js';
import type { ServiceName } from './pinned-versions.js';
import { formatDuration } from './progress.js';
import type { ServiceDefinition } from './service-definition.js';
import { resolveServiceOptions, type ResolvedServiceOptions, type ServiceOptions } from './service-options.js';
import { spawnDetached } from './service-process.js';
import { stopService } from './stop-service.js';

const PORT_VARIABLES = 'TEMPORAL_PORT, TEMPORAL_UI_PORT, FERRETDB_PORT, FERRETDB_DEBUG_PORT';

/**
 * Starts one service in the background and waits until it answers. A no-op when it already runs (live pid and
 * answering); a service that runs but does not answer yet is waited for.
 */
export async function startService(name: ServiceName, options: ServiceOptions = {}): Promise<void> {
  const o = resolveServiceOptions(options);
  const service = serviceDefinitions[name];
  const files = serviceFiles(name);
  const where = service.endpoints(o).join(', ');

  const running = await livePid(name, files.pid, o.progress);
  if (running !== undefined) {
    if (await service.answers(o)) {
      const difference = await service.differs?.(o);
      if (difference === undefined) {
        o.progress(`${service.title} is already running (pid ${running}): ${where}`);
        return;
      }
      // Started by an older version of this tool: restart it with today's settings (its data is kept), so the two
      // README commands keep working on a machine that ran an earlier checkout.
      o.progress(`${service.title} (pid ${running}) was started with older settings (${difference}); restarting it`);
      await stopService(name, { progress: o.progress });
    } else {
      o.progress(`${service.title} runs (pid ${running}) but does not answer on ${where} yet; waiting for it`);
      await waitUntilReady(service, o, running);
      return;
    }
  }

  await assertPortsFree(service, o);
  const binary = binaryPath(name);
  await access(binary, constants.X_OK).catch(() => {
    throw new DevServicesError(
      `${binary} is missing: run \`npm run services -- install\` (or call ensureServiceBinaries()) first`,
    );
  });
  const command = service.launch(o);
  for (const dir of command.dirs) await mkdir(dir, { recursive: true });

  const started = Date.now();
  const child = await spawnDetached(binary, command, files.log, dataDir());
  await writePidFile(files.pid, child.pid);
  o.progress(`Starting ${service.title} (pid ${child.pid}), log: ${files.log}`);
  await waitUntilReady(service, o, child.pid, child.exited);
  o.progress(`${service.title} is ready after ${formatDuration(Date.now() - started)}: ${where}`);
}

async function assertPortsFree(service: ServiceDefinition, o: ResolvedServiceOptions): Promise<void> {
  for (const port of service.ports(o)) {
    if (await portOpen(o.host, port)) {
      throw new DevServicesError(
        `Cannot start ${service.title}: ${o.host}:${port} is already taken by a process this tool did not start ` +
          `(no live pid in ${serviceFiles(service.name).pid}). Stop that process, or choose other ports with ${PORT_VARIABLES}.`,
      );
    }
  }
}

async function waitUntilReady(
  service: ServiceDefinition,
  o: ResolvedServiceOptions,
  pid: number,
  exited?: Promise<string>,
): Promise<void> {
  const files = serviceFiles(service.name);
  let exit: string | undefined;
  void exited?.then((how) => {
    exit = how;
  });
  const deadline = Date.now() + o.readyTimeoutMs;
  while (Date.now() < deadline) {
    if (exit !== undefined || !(await isServiceProcess(pid, service.name))) {
      await removePidFile(files.pid);
      throw new DevServicesError(
        `${service.title} stopped while starting (${exit ?? 'process gone'}). Last lines of ${files.log}:\n` +
          (await logTail(files.log)),
      );
    }
    if (await service.answers(o)) return;
    await sleep(500);
  }
  throw new DevServicesError(
    `${service.title} (pid ${pid}) did not answer on ${service.endpoints(o).join(', ')} within ` +
      `${formatDuration(o.readyTimeoutMs)}. It is left running; stop it with \`npm run services -- stop\`. ` +
      `Last lines of ${files.log}:\n${await logTail(files.log)}`,
  );
}
