import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`); Playwright's own browser download cannot run here. */
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** A real headless Chromium, with the network chatter of a fresh profile turned off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where a test keeps a screenshot for people to look at (git-ignored). */
export async function artifactPath(name: string): Promise<string> {
  const folder = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
  await mkdir(folder, { recursive: true });
  return `${folder}${name}`;
}

/** The dev server's Web UI: `TEMPORAL_UI_URL` (set by `npm test`), else the frontend port + 1000, as it starts it. */
export function temporalUiUrl(): string {
  const given = process.env['TEMPORAL_UI_URL'];
  if (given !== undefined && given !== '') return given.replace(/\/$/, '');
  const [host = '127.0.0.1', port = '7233'] = (process.env['TEMPORAL_ADDRESS'] ?? '127.0.0.1:7233').split(':');
  return `http://${host}:${Number(port) + 1000}`;
}
