import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serviceFiles } from './paths.js';
import { mongoAnswers, portOpen } from './probes.js';
import type { ServiceDefinition } from './service-definition.js';
import { infoFor } from './service-options.js';

/** FerretDB 1.x: the MongoDB wire protocol over SQLite files, one per database. */
export const ferretdbService: ServiceDefinition = {
  name: 'ferretdb',
  title: 'FerretDB',
  ports: (o) => [o.ferretdbPort, o.ferretdbDebugPort],
  launch(o) {
    const dir = serviceFiles('ferretdb').data;
    const databases = join(dir, 'sqlite');
    const state = join(dir, 'state');
    const args = [
      '--handler=sqlite',
      // FerretDB wants a file: URI of an existing folder, ending with a slash.
      `--sqlite-url=${pathToFileURL(databases).href}/`,
      `--listen-addr=${o.host}:${o.ferretdbPort}`,
      `--debug-addr=${o.host}:${o.ferretdbDebugPort}`,
      '--telemetry=disable',
      `--state-dir=${state}`,
      '--log-level=warn',
    ];
    return { args, env: {}, dirs: [databases, state] };
  },
  async answers(o) {
    if (!(await portOpen(o.host, o.ferretdbPort))) return false;
    return mongoAnswers(infoFor(o).mongoUrl);
  },
  endpoints: (o) => [infoFor(o).mongoUrl],
};
