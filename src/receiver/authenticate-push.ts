import type { Request } from 'express';
import type { GarageLookup, KnownGarage } from '../store/garage-directory.js';
import { ApiError } from '../http/errors.js';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type PushAuthentication = Readonly<{
  /** The garage directory in memory: a push never waits for the database. */
  garages: Pick<GarageLookup, 'get'>;
  toleranceSeconds: number;
  now: () => Date;
}>;

const timestampPattern = /^\d{1,12}$/;

function unauthorized(code: string, message: string): ApiError {
  return new ApiError(401, code, message);
}

/** What the headers claim, checked before the body is read. */
export type PushHeaders = Readonly<{ garageId: string; timestamp: string; signature: string }>;

/**
 * Checks what can be checked without the body (garage id present, timestamp fresh, signature present), so a request
 * that fails there costs no body read: up to BODY_LIMIT_BYTES per request an outsider would otherwise make us take.
 */
export function checkPushHeaders(req: Request, auth: PushAuthentication): PushHeaders {
  const garageId = req.get('X-Carsys-Garage-Id');
  if (garageId === undefined || garageId === '') {
    throw unauthorized('missing_garage_id', 'The X-Carsys-Garage-Id header is missing.');
  }
  const timestamp = req.get('X-Carsys-Timestamp') ?? '';
  if (!timestampPattern.test(timestamp)) {
    throw unauthorized('missing_timestamp', 'X-Carsys-Timestamp must be Unix time in seconds.');
  }
  const skewSeconds = Math.abs(auth.now().getTime() / 1000 - Number(timestamp));
  if (skewSeconds > auth.toleranceSeconds) {
    throw unauthorized(
      'timestamp_out_of_tolerance',
      `X-Carsys-Timestamp is more than ${auth.toleranceSeconds} seconds away from the receiver's clock.`,
    );
  }
  const signature = req.get('X-Carsys-Signature');
  if (signature === undefined || signature === '') {
    throw unauthorized('missing_signature', 'The X-Carsys-Signature header is missing.');
  }
  return { garageId, timestamp, signature };
}

// Signs for a garage that does not exist, so an unknown id costs the same HMAC as a wrong signature.
const unknownGarageSecrets = [randomBytes(32).toString('hex')];

/** Establishes which garage sent the push, from its HMAC signature over timestamp and raw body. */
export function verifyPushSignature(headers: PushHeaders, rawBody: Buffer, auth: PushAuthentication): KnownGarage {
  const garage = auth.garages.get(headers.garageId);
  const matches = signatureMatches(
    garage?.secrets ?? unknownGarageSecrets,
    headers.timestamp,
    rawBody,
    headers.signature,
  );
  // An unknown or disabled garage is answered exactly as a wrong signature (same code, same words, after the same
  // work), so the answers do not tell which garage ids exist; the rejection log keeps the true reason for support.
  if (garage === undefined || !matches || garage.disabled) {
    throw new ApiError(
      401,
      'invalid_signature',
      'The signature does not match the body and timestamp for this garage.',
      [],
      undefined,
      garage === undefined ? 'unknown_garage' : !matches ? 'invalid_signature' : 'garage_disabled',
    );
  }
  return garage;
}

const prefix = 'sha256=';

/** The contract's signature: `sha256=` + hex HMAC-SHA256(secret, `<timestamp>.<raw body>`). */
export function signPush(secret: string, timestamp: string, rawBody: Uint8Array): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return `${prefix}${hmac.digest('hex')}`;
}

/** True when the signature was made with any of the garage's active secrets; compared in constant time. */
function signatureMatches(
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
