import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The example pushes in examples/pushes/, used by the README, `npm run push` and the tests. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../examples/pushes/${name}.json`, import.meta.url));
}

/** The raw text of an example push, exactly as Carsys would send it. */
export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** A fixture as an object, to derive variants (another messageId, an older sentAt...). */
export function fixtureObject(name: string): Record<string, unknown> {
  return JSON.parse(readFixture(name)) as Record<string, unknown>;
}
