// `npm test`: builds and starts the real services if needed, then runs every test file against them.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureServiceBinaries, startServices } from '../src/dev-services/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const suites = ['unit', 'integration', 'e2e'];

function testFiles(): string[] {
  return suites.flatMap((suite) =>
    readdirSync(`${root}test/${suite}`)
      .filter((name) => name.endsWith('.test.ts'))
      .sort()
      .map((name) => `test/${suite}/${name}`),
  );
}

const started = Date.now();
await ensureServiceBinaries();
const services = await startServices();
console.log(
  `services ready in ${((Date.now() - started) / 1000).toFixed(1)} s: Temporal ${services.temporalAddress}, database ${services.mongoUrl}`,
);

const files = testFiles();
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_UI_URL: services.temporalUiUrl,
    MONGODB_URL: services.mongoUrl,
  },
});
const code = await new Promise<number>((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)));
console.log(
  `${files.length} test files, ${code === 0 ? 'all passed' : 'FAILED'}; services left running (npm run services -- stop)`,
);
process.exit(code);
