import { serviceDefinitions, serviceNames } from './all-services.js';
import { livePid } from './pid-file.js';
import { serviceFiles } from './paths.js';
import type { ServiceName } from './pinned-versions.js';
import { portOpen } from './probes.js';
import { resolveServiceOptions, type ServiceOptions } from './service-options.js';

export type ServiceState =
  | 'running'
  /** Its process is alive but it does not answer (still starting, or on other ports than asked about). */
  | 'not answering'
  | 'stopped'
  /** Not started by this tool, yet something else listens on one of its ports. */
  | 'port taken';

export type ServiceStatus = Readonly<{
  name: ServiceName;
  title: string;
  state: ServiceState;
  pid: number | undefined;
  endpoints: readonly string[];
  logFile: string;
}>;

/** What runs, as seen through the pid files and the ports (from the options, else the environment, else defaults). */
export async function servicesStatus(options: ServiceOptions = {}): Promise<ServiceStatus[]> {
  const o = resolveServiceOptions(options);
  return Promise.all(
    serviceNames.map(async (name): Promise<ServiceStatus> => {
      const service = serviceDefinitions[name];
      const files = serviceFiles(name);
      const pid = await livePid(name, files.pid, o.progress);
      let state: ServiceState;
      if (pid !== undefined) state = (await service.answers(o)) ? 'running' : 'not answering';
      else state = (await anyOpen(o.host, service.ports(o))) ? 'port taken' : 'stopped';
      return { name, title: service.title, state, pid, endpoints: service.endpoints(o), logFile: files.log };
    }),
  );
}

async function anyOpen(host: string, ports: readonly number[]): Promise<boolean> {
  const open = await Promise.all(ports.map((port) => portOpen(host, port)));
  return open.includes(true);
}
