import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { KeyringConfig } from '../src/crypto/keyring.js';
import { dataDir } from './dev-services/index.js';

const DemoSecrets = z.object({ encryptionKeys: KeyringConfig, operatorToken: z.string().min(24) });
export type DemoSecrets = z.infer<typeof DemoSecrets>;

/**
 * The encryption key and operator token `npm start` uses when none is configured: made once per checkout and kept
 * in `.data/` (git-ignored), so payloads written before a restart still decrypt after it.
 */
export function loadOrCreateDemoSecrets(): DemoSecrets {
  const file = demoSecretsFile();
  if (existsSync(file)) return DemoSecrets.parse(JSON.parse(readFileSync(file, 'utf8')));
  const secrets: DemoSecrets = {
    encryptionKeys: [{ id: 'demo-1', key: randomBytes(32).toString('base64') }],
    operatorToken: randomBytes(24).toString('base64url'),
  };
  mkdirSync(dataDir(), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** The secrets an earlier `npm start` made, if any: the CLI's default operator token on a developer's machine. */
export function existingDemoSecrets(): DemoSecrets | undefined {
  const file = demoSecretsFile();
  return existsSync(file) ? DemoSecrets.parse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
}

function demoSecretsFile(): string {
  return join(dataDir(), 'demo-secrets.json');
}
