import { z } from 'zod';

export type EncryptionKey = Readonly<{ id: string; key: Buffer }>;

/** The keys data is encrypted with: one active key for new data, older ones kept so old data still decrypts. */
export type Keyring = Readonly<{ active: EncryptionKey; byId: ReadonlyMap<string, EncryptionKey> }>;

export const KeyringConfig = z
  .array(
    z.object({
      id: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'key ids are 1-32 letters, digits, . _ -'),
      key: z
        .string()
        .refine((text) => Buffer.from(text, 'base64').length === 32, 'must be 32 bytes, base64-encoded (AES-256)'),
    }),
  )
  .min(1, 'needs at least one key');
export type KeyringConfig = z.infer<typeof KeyringConfig>;

/** Builds a keyring; the first key in the list is the active one, the rest only decrypt. */
export function createKeyring(keys: KeyringConfig): Keyring {
  const parsed = keys.map((entry) => ({ id: entry.id, key: Buffer.from(entry.key, 'base64') }));
  const active = parsed[0];
  if (active === undefined) throw new Error('a keyring needs at least one key');
  return { active, byId: new Map(parsed.map((key) => [key.id, key])) };
}
