// `npm test`: builds and starts the real services if needed, then runs every test file against them.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureServiceBinaries, startServices } from './dev-services/index.js';
import { cleanUpTestLeftovers } from './test-leftovers.js';
import { findOrInstallChromium, noChromiumHelp } from './find-chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const allSuites = ['unit', 'integration', 'e2e'];
// `npm run test:integration` and `test:e2e` pass one layer; `npm test` runs all three.
const asked = process.argv.slice(2);
const unknown = asked.filter((suite) => !allSuites.includes(suite));
if (unknown.length > 0) {
  console.error(`unknown test layer(s) ${unknown.join(', ')}: choose from ${allSuites.join(', ')}`);
  process.exit(2);
}
const suites = asked.length > 0 ? asked : allSuites;

function testFiles(): string[] {
  return suites.flatMap((suite) =>
    readdirSync(`${root}test/${suite}`)
      .filter((name) => name.endsWith('.test.ts'))
      .sort()
      .map((name) => `test/${suite}/${name}`),
  );
}

// Before anything slow: without a browser the browser tests could only fail or be skipped, so stop at once.
const chromiumPath = suites.includes('e2e') ? findOrInstallChromium() : '';
if (chromiumPath === undefined) {
  console.error(noChromiumHelp);
  process.exit(1);
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
    ...(chromiumPath === '' ? {} : { CHROMIUM_PATH: chromiumPath }),
  },
});
const code = await new Promise<number>((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)));
const leftovers = await cleanUpTestLeftovers(services);
// Every test file cleans up what it starts (test/support/pipeline.ts); anything found here is a test to fix.
const leaked = leftovers.workflows + leftovers.databases > 0;
if (leaked) {
  console.error(
    `FAILED: the tests left ${leftovers.workflows} running workflow(s) and ${leftovers.databases} database(s) behind ` +
      '(now terminated and dropped); a test file does not clean up after itself',
  );
}
const passed = code === 0 && !leaked;
console.log(
  `${files.length} test files, ${passed ? 'all passed' : 'FAILED'}; services left running (npm run services -- stop)`,
);
process.exit(passed ? 0 : code === 0 ? 1 : code);
