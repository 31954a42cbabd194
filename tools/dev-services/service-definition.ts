import type { ServiceName } from './pinned-versions.js';
import type { ResolvedServiceOptions } from './service-options.js';

export type LaunchCommand = Readonly<{
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  /** Folders that must exist before the process starts. */
  dirs: readonly string[];
}>;

/** How to launch one local service and how to tell that it answers its clients. */
export type ServiceDefinition = Readonly<{
  name: ServiceName;
  title: string;
  /** Ports the service listens on; all must be free before it starts. */
  ports: (o: ResolvedServiceOptions) => readonly number[];
  launch: (o: ResolvedServiceOptions) => LaunchCommand;
  answers: (o: ResolvedServiceOptions) => Promise<boolean>;
  /** For a service found running: how it was started differently from what `launch` asks now, if it was. */
  differs?: (o: ResolvedServiceOptions) => Promise<string | undefined>;
  /** Addresses to show people. */
  endpoints: (o: ResolvedServiceOptions) => readonly string[];
}>;
