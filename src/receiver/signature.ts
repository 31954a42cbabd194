import { createHmac, timingSafeEqual } from 'node:crypto';

const prefix = 'sha256=';

/** The contract's signature: `sha256=` + hex HMAC-SHA256(secret, `<timestamp>.<raw body>`). */
export function signPush(secret: string, timestamp: string, rawBody: Uint8Array): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return `${prefix}${hmac.digest('hex')}`;
}

/** True when the signature was made with any of the garage's active secrets; compared in constant time. */
export function signatureMatches(
  secrets: readonly string[],
  timestamp: string,
  rawBody: Uint8Array,
  signature: string,
): boolean {
  const given = Buffer.from(signature, 'utf8');
  let matched = false;
  // Check every secret, not just until the first match, so timing does not reveal which one matched.
  for (const secret of secrets) {
    const expected = Buffer.from(signPush(secret, timestamp, rawBody), 'utf8');
    if (expected.length === given.length && timingSafeEqual(expected, given)) matched = true;
  }
  return matched;
}
