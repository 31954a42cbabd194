import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createKeyring } from '../../src/crypto/keyring.js';
import { importDataConverter } from '../../src/temporal/encryption-codec.js';
import { readFixture } from '../support/fixtures.js';

export const historiesFolder = fileURLToPath(new URL('./histories/', import.meta.url));

/** One recorded history per path an import can take (docs/versioning.md says how to record them again). */
export const recordedPaths = [
  'imported',
  'failed-validation',
  'skipped-duplicate',
  'skipped-stale',
  'skipped-work-started',
  'support-retry',
  'database-outage',
  'import-log-outage',
  'unplanned-failure',
] as const;
export type RecordedPath = (typeof recordedPaths)[number];

/**
 * The key the recorded histories are encrypted with. It is no secret: it protects only the example pushes, and the
 * replay test needs it to decode workflow inputs and activity results exactly as a production worker would.
 */
export const replayEncryptionKeys = [{ id: 'replay-fixtures', key: '7xula/b2ISq6RsRD7mcLXdy3TJUqMFTiET+s0ckFIjA=' }];

/** The data converter of the worker that recorded the histories. */
export const replayDataConverter = () => importDataConverter(createKeyring(replayEncryptionKeys));

export type HistoryFile = Readonly<{ name: string; json: unknown; text: string }>;

/**
 * Every recorded history: the current set at the top (`imported`...), and in a folder per patch the paths recorded on
 * the code before it (`before-<patch id>/unplanned-failure`), which the current code must replay too.
 */
export function readRecordedHistories(folder = historiesFolder, prefix = ''): HistoryFile[] {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      if (entry.isDirectory()) return readRecordedHistories(`${folder}${entry.name}/`, `${prefix}${entry.name}/`);
      if (!entry.name.endsWith('.json')) return [];
      const text = readFileSync(`${folder}${entry.name}`, 'utf8');
      return [{ name: `${prefix}${entry.name.replace(/\.json$/, '')}`, json: JSON.parse(text) as unknown, text }];
    });
}

type Party = Record<string, unknown>;

// Party fields that identify a person; ids and titles ("Dhr.") are not personal on their own.
const personalPartyFields = [
  'firstName',
  'lastName',
  'street',
  'postcode',
  'place',
  'emailPrivate',
  'phonePrivate',
  'mobilePrivate',
  'emailBusiness',
  'phoneBusiness',
  'mobileBusiness',
];

// Compared as a person reads them: case, spaces, dots and dashes do not hide a phone number, plate or postcode.
const compact = (text: string) => text.toUpperCase().replace(/[\s.-]/g, '');

/** The personal values of the example pushes, compacted; a leading 0 dropped so E.164 phones match too. */
export function personalValues(): string[] {
  const values = new Set<string>();
  for (const name of ['valid-full', 'valid-lease-car', 'suspicious-date', 'invalid-fields', 'cancel']) {
    const push = JSON.parse(readFixture(name)) as { parties?: Party[]; car?: { registrationNumber?: unknown } };
    const raw = [
      ...(push.parties ?? []).flatMap((party) => personalPartyFields.map((field) => party[field])),
      push.car?.registrationNumber,
    ];
    for (const value of raw) {
      if (typeof value !== 'string') continue;
      const key = compact(value).replace(/^0/, '');
      if (key.length >= 5) values.add(key);
    }
  }
  return [...values];
}

type JsonPayload = { metadata?: Record<string, string>; data?: string };

function payloadsOf(node: unknown, found: JsonPayload[] = []): JsonPayload[] {
  if (Array.isArray(node)) {
    for (const item of node) payloadsOf(item, found);
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record['data'] === 'string' && typeof record['metadata'] === 'object') found.push(record);
    for (const value of Object.values(record)) payloadsOf(value, found);
  }
  return found;
}

/** Every personal value found in clear text in a history: in its text, or inside any payload it carries. */
export function personalDataIn(history: HistoryFile, values: readonly string[]): string[] {
  const decodedPayloads = payloadsOf(history.json).map((payload) =>
    Buffer.from(payload.data ?? '', 'base64').toString('utf8'),
  );
  const texts = [history.text, ...decodedPayloads].map(compact);
  return values.filter((value) => texts.some((text) => text.includes(value)));
}

/** How many payloads of a history are sealed by the encryption codec, and how many are not. */
export function payloadEncodings(history: HistoryFile): Map<string, number> {
  const counts = new Map<string, number>();
  for (const payload of payloadsOf(history.json)) {
    const encoding = Buffer.from(payload.metadata?.['encoding'] ?? '', 'base64').toString('utf8');
    counts.set(encoding, (counts.get(encoding) ?? 0) + 1);
  }
  return counts;
}
