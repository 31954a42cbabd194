import { pino, type Logger, type DestinationStream } from 'pino';

/**
 * Fields that may carry personal data or secrets, wherever they appear in a log line. Logging them is a bug; the
 * redaction makes the bug harmless.
 */
const redactedPaths = [
  'rawBody',
  'body',
  'secret',
  'secrets',
  'token',
  'authorization',
  'headers.authorization',
  'headers["x-carsys-signature"]',
  'req.headers.authorization',
  'req.headers["x-carsys-signature"]',
  '*.rawBody',
  '*.secret',
  '*.secrets',
  '*.firstName',
  '*.lastName',
  '*.street',
  '*.houseNumber',
  '*.postcode',
  '*.place',
  '*.emailPrivate',
  '*.emailBusiness',
  '*.phonePrivate',
  '*.phoneBusiness',
  '*.mobilePrivate',
  '*.mobileBusiness',
  '*.registration',
  '*.registrationNumber',
  '*.vin',
];

export type { Logger };

/** A structured JSON logger with personal fields and secrets redacted. */
export function createLogger(options: { level: string; name: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      base: { service: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
