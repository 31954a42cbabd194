import type { PushEnvelope } from '../import-request.js';
import type { PushIssue } from '../import-status.js';
import { readRegistration, registrationOf } from '../normalise/car-identity.js';
import { cutText, visibleText } from '../normalise/text.js';

export type EnvelopeResult =
  { ok: true; envelope: PushEnvelope } | { ok: false; code: string; message: string; issues: PushIssue[] };

/** A JSON object (not an array, not null): what every reader of a push body checks first. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOrNull(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  // The same key the import will store: invisible characters do not make another workflow id or log entry.
  const trimmed = visibleText(cutText(value, 4096));
  return trimmed === '' ? null : trimmed;
}

const maxKeyLength = 64;

/**
 * The least a push must be for the receiver to record it: a JSON object with `appointment.dmsNumber`. Everything
 * else is checked in the import workflow, so an authentic push with a bad field is kept and shown, not lost.
 */
export function parseEnvelope(json: unknown): EnvelopeResult {
  if (!isObject(json)) {
    return { ok: false, code: 'not_an_object', message: 'The body must be a JSON object.', issues: [] };
  }
  const appointment = json['appointment'];
  const dmsNumber = isObject(appointment) ? textOrNull(appointment['dmsNumber']) : null;
  if (dmsNumber === null || dmsNumber.length > maxKeyLength) {
    return {
      ok: false,
      code: 'missing_dms_number',
      message: 'The push has no usable appointment.dmsNumber, so it cannot be recorded.',
      issues: [
        {
          path: 'appointment.dmsNumber',
          code: dmsNumber === null ? 'required' : 'too_long',
          message: dmsNumber === null ? 'is required (text or number)' : `is longer than ${maxKeyLength} characters`,
        },
      ],
    };
  }
  const car = json['car'];
  const plate = isObject(car) ? textOrNull(car['registrationNumber']) : null;
  const messageId = textOrNull(json['messageId']);
  const woNumber = isObject(appointment) ? textOrNull(appointment['woNumber']) : null;
  return {
    ok: true,
    envelope: {
      dmsNumber,
      messageId: messageId === null ? null : messageId.slice(0, 200),
      woNumber: woNumber === null ? null : woNumber.slice(0, 64),
      event: textOrNull(json['event'])?.slice(0, 64) ?? null,
      registration: plate === null ? null : registrationOf(readRegistration(plate)),
    },
  };
}

/**
 * Reads a push body's text as JSON the way the receiver reads it on arrival: a leading byte order mark is not part
 * of the JSON. Every reader of a body, on receipt, in the workflow and on a support retry, goes through here.
 */
export function parsePushJson(text: string): unknown {
  return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown;
}
