import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey, Keyring } from './keyring.js';

const ivLength = 12;
const tagLength = 16;

/** Ciphertext with what it needs to be decrypted again: the key id, and IV + data + GCM tag in one buffer. */
export type Sealed = Readonly<{ keyId: string; data: Buffer }>;

/** Encrypts with the keyring's active key (AES-256-GCM, random 96-bit IV, key id bound as associated data). */
export function seal(keyring: Keyring, plaintext: Uint8Array): Sealed {
  const { id, key } = keyring.active;
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(id, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { keyId: id, data: Buffer.concat([iv, encrypted, cipher.getAuthTag()]) };
}

/** Thrown when data cannot be decrypted: an unknown key id, or data that was altered. */
export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
}

function keyFor(keyring: Keyring, keyId: string): EncryptionKey {
  const key = keyring.byId.get(keyId);
  if (key === undefined) throw new DecryptionError(`no key with id "${keyId}" in the keyring`);
  return key;
}

/** Decrypts what `seal` produced, with whichever key of the keyring it names. */
export function open(keyring: Keyring, sealed: Sealed): Buffer {
  const { key, id } = keyFor(keyring, sealed.keyId);
  const data = sealed.data;
  if (data.length < ivLength + tagLength) throw new DecryptionError('encrypted data is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, ivLength));
  decipher.setAAD(Buffer.from(id, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - tagLength));
  try {
    return Buffer.concat([decipher.update(data.subarray(ivLength, data.length - tagLength)), decipher.final()]);
  } catch {
    throw new DecryptionError('encrypted data failed its integrity check');
  }
}
