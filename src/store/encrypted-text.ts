import { Binary } from 'mongodb';
import { open, seal } from '../crypto/aes-gcm.js';
import type { Keyring } from '../crypto/keyring.js';
import type { EncryptedText } from './documents.js';

/** Encrypts text for storage with the keyring's active key. */
export function sealText(keyring: Keyring, text: string): EncryptedText {
  const sealed = seal(keyring, Buffer.from(text, 'utf8'));
  return { keyId: sealed.keyId, data: new Binary(sealed.data) };
}

/** Decrypts stored text with whichever key sealed it, so data outlives a key rotation. */
export function openText(keyring: Keyring, encrypted: EncryptedText): string {
  return open(keyring, { keyId: encrypted.keyId, data: Buffer.from(encrypted.data.buffer) }).toString('utf8');
}
