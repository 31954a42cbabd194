import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What to tell a person when no Chromium can be found or installed: one line, naming what to install. */
export const noChromiumHelp =
  'npm test needs Chromium for the browser tests: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.';

const usualPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Chromium builds Playwright installed for this user (`npx playwright-core install chromium`). */
function playwrightBrowsers(): string[] {
  const cache = process.env['PLAYWRIGHT_BROWSERS_PATH'] ?? join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return [];
  return readdirSync(cache)
    .filter((name) => name.startsWith('chromium-'))
    .sort()
    .reverse()
    .flatMap((name) => [join(cache, name, 'chrome-linux64', 'chrome'), join(cache, name, 'chrome-linux', 'chrome')]);
}

function firstPresent(): string | undefined {
  const given = process.env['CHROMIUM_PATH'];
  if (given !== undefined && given !== '') return existsSync(given) ? given : undefined;
  return [...usualPaths, ...playwrightBrowsers()].find((path) => existsSync(path));
}

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] }).status === 0;
}

/** Installs Chromium where this machine allows it: Debian's package as root, else Playwright's own download. */
function install(): void {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.error('No Chromium found: installing Debian\'s "chromium" package for the browser tests');
    if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'])) return;
  }
  console.error('No Chromium found: trying Playwright\'s own download ("npx playwright-core install chromium")');
  run(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--no-install', 'playwright-core', 'install', 'chromium']);
}

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH`, the usual install paths, or one installed now. Returns
 * undefined when there is none, so the caller stops before any test runs (browser tests are never skipped).
 */
export function findOrInstallChromium(): string | undefined {
  const found = firstPresent();
  if (found !== undefined || (process.env['CHROMIUM_PATH'] ?? '') !== '') return found;
  install();
  return firstPresent();
}
