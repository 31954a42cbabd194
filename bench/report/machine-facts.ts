import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release, platform } from 'node:os';
import { fileURLToPath } from 'node:url';
import { pinnedTools } from '../../tools/dev-services/index.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const packages = [
  '@temporalio/client',
  '@temporalio/worker',
  'mongodb',
  'express',
  'zod',
  'pino',
  'tsx',
  'autocannon',
  'undici',
];

function installedVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(`${repoRoot}node_modules/${name}/package.json`, 'utf8')) as {
      version?: string;
    };
    return manifest.version ?? 'unknown';
  } catch {
    return 'missing';
  }
}

/** What the figures were measured on: they only compare with figures from the same kind of machine. */
export function machineFacts() {
  const cores = cpus();
  return {
    cores: cores.length,
    cpuModel: cores[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
    os: `${platform()} ${release()}`,
    node: process.version,
    services: {
      temporalCli: pinnedTools.temporal.version,
      temporalServer: 'v1.29.1 (in the CLI dev server, SQLite, WAL, synchronous=OFF, eager activities)',
      ferretdb: `${pinnedTools.ferretdb.version} (SQLite backend, ${pinnedTools.ferretdb.recipe ?? 'unpatched'})`,
    },
    packages: Object.fromEntries(packages.map((name) => [name, installedVersion(name)])),
  };
}
export type MachineFacts = ReturnType<typeof machineFacts>;
