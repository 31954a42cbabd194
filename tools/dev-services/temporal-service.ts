import { join } from 'node:path';
import { importSearchAttributes } from '../../src/temporal/search-attributes.js';
import { webUiCodecEndpoint, webUiPublicPath } from '../../src/operator/web-ui-proxy.js';
import { serviceFiles } from './paths.js';
import { httpAnswers, portOpen, temporalAnswers } from './probes.js';
import type { ServiceDefinition } from './service-definition.js';
import { infoFor } from './service-options.js';

/** The Temporal CLI dev server: frontend, history, matching and Web UI in one process, persisted in one SQLite file. */
export const temporalService: ServiceDefinition = {
  name: 'temporal',
  title: 'Temporal dev server',
  ports: (o) => [o.temporalPort, o.temporalUiPort],
  launch(o) {
    const dir = serviceFiles('temporal').data;
    const flags: [string, string][] = [
      ['--ip', o.host],
      ['--port', String(o.temporalPort)],
      ['--ui-port', String(o.temporalUiPort)],
      ['--db-filename', join(dir, 'temporal.db')],
      ['--namespace', 'default'],
      ...importSearchAttributes.map(({ name, type }): [string, string] => ['--search-attribute', `${name}=${type}`]),
      // Throughput on one SQLite file; surviving a power cut does not matter for a dev server.
      ['--sqlite-pragma', 'journal_mode=WAL'],
      ['--sqlite-pragma', 'synchronous=OFF'],
      ['--dynamic-config-value', 'system.enableActivityEagerExecution=true'],
      // Task-queue fairness (off by default in server 1.29): imports carry their garage as fairness key
      // (src/temporal/start-import.ts), so one garage's burst does not hold up the others (docs/scaling.md).
      ['--dynamic-config-value', 'matching.enableFairness=true'],
      // Never reach out to the internet.
      ['--dynamic-config-value', 'frontend.enableServerVersionCheck=false'],
      // Served by the operator listener at this path, beside its codec endpoint (src/operator/web-ui-proxy.ts): one
      // origin, so the UI sends the operator's sign-in cookie to the codec, whichever port that listener has.
      ['--ui-public-path', webUiPublicPath],
      ['--ui-codec-endpoint', webUiCodecEndpoint],
      ['--log-level', 'warn'],
    ];
    return {
      args: ['server', 'start-dev', ...flags.flat()],
      env: { TEMPORAL_VERSION_CHECK_DISABLED: '1' },
      dirs: [dir],
    };
  },
  async answers(o) {
    const { temporalAddress, temporalUiUrl } = infoFor(o);
    if (!(await portOpen(o.host, o.temporalPort))) return false;
    return (await temporalAnswers(temporalAddress)) && (await httpAnswers(temporalUiUrl));
  },
  async differs(o) {
    const codec = await webUiCodecSetting(`${infoFor(o).temporalUiUrl}${webUiPublicPath}/api/v1/settings`);
    return codec === webUiCodecEndpoint
      ? undefined
      : `its Web UI is not served at ${webUiPublicPath} with the codec endpoint ${webUiCodecEndpoint}`;
  },
  endpoints(o) {
    const { temporalAddress, temporalUiUrl } = infoFor(o);
    return [temporalAddress, temporalUiUrl];
  },
};

/** The codec endpoint the Web UI server was started with, from its settings; undefined if it serves none there. */
async function webUiCodecSetting(settingsUrl: string): Promise<string | undefined> {
  try {
    const response = await fetch(settingsUrl, { signal: AbortSignal.timeout(3_000) });
    const settings = (await response.json()) as { Codec?: { Endpoint?: unknown } };
    return typeof settings.Codec?.Endpoint === 'string' ? settings.Codec.Endpoint : undefined;
  } catch {
    // Without the public path the UI server answers this address with its HTML page, not JSON.
    return undefined;
  }
}
