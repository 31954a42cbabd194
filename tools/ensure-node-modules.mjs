// Runs before `npm start` and `npm test`: installs the Node packages when they are missing or older than
// package-lock.json, so the README's two commands work on a fresh clone. Plain JavaScript: tsx may not be there yet.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import process from 'node:process';

const installed = 'node_modules/.package-lock.json';
const upToDate = existsSync(installed) && statSync(installed).mtimeMs >= statSync('package-lock.json').mtimeMs;
if (!upToDate) {
  process.stderr.write('Installing Node packages (npm ci)...\n');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
