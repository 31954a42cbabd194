import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { EncryptionKey, Keyring } from './keyring.js';

/** Proof that the receiver (or a support retry) started an import: an HMAC the Web UI's codec cannot make. */
export type Voucher = Readonly<{ keyId: string; mac: string }>;

/** What a voucher binds: the run it belongs to and the exact push, so it cannot be moved to another body or run. */
export type VoucherClaims = Readonly<{
  workflowId: string;
  importId: string;
  garageId: string;
  bodySha256: string;
  receivedAt: string;
  retry?: Readonly<{ attempt: number; by: string }> | undefined;
}>;

// Derived, never used as is: the same key encrypts payloads, and one key must not serve two purposes.
const purpose = 'claire carsys import voucher v1';

function voucherKey(key: EncryptionKey): Buffer {
  return Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), purpose, 32));
}

function macOf(key: EncryptionKey, claims: VoucherClaims): Buffer {
  const text = JSON.stringify([
    claims.workflowId,
    claims.importId,
    claims.garageId,
    claims.bodySha256,
    claims.receivedAt,
    claims.retry?.attempt ?? null,
    claims.retry?.by ?? null,
  ]);
  return createHmac('sha256', voucherKey(key)).update(text).digest();
}

/** Vouches for an import with the active key. */
export function vouchFor(keyring: Keyring, claims: VoucherClaims): Voucher {
  return { keyId: keyring.active.id, mac: macOf(keyring.active, claims).toString('base64url') };
}

/** True when the voucher was made for exactly these claims with one of the keyring's keys; constant-time compare. */
export function voucherHolds(keyring: Keyring, claims: VoucherClaims, voucher: Voucher | undefined): boolean {
  if (typeof voucher !== 'object' || voucher === null || typeof voucher.mac !== 'string') return false;
  const key = keyring.byId.get(voucher.keyId);
  if (key === undefined) return false;
  const given = Buffer.from(voucher.mac, 'base64url');
  const expected = macOf(key, claims);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
