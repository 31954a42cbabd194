import { z } from 'zod';
import { cutText, hasControlCharacter, visibleText } from '../normalise/text.js';

/** What an identity key may be read from, before any cleaning: its length is checked first (docs/data-rules.md). */
export type KeyReading = { ok: true; key: string } | { ok: false; code: string; message: string };

/**
 * Reads an identity key (DMS number, WO number, party id) as a person would: invisible characters and surrounding
 * spaces do not count, text is NFC. A JSON number must be a whole number JSON can carry exactly (up to 2^53), because
 * a larger one has already been rounded to another key by the time anyone reads it.
 */
export function readIdentityKey(raw: string | number, maxLength: number): KeyReading {
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw)) {
      return {
        ok: false,
        code: 'unsafe_number',
        message: `is a number JSON cannot carry exactly (whole numbers up to ${Number.MAX_SAFE_INTEGER}); send it as text`,
      };
    }
    return { ok: true, key: String(raw) };
  }
  // Cut before anything else reads it, so a megabyte of key costs no more than the cap.
  if (raw.length > maxLength * 4) return tooLong(maxLength);
  const key = visibleText(cutText(raw, maxLength * 4));
  if (hasControlCharacter(key)) {
    return {
      ok: false,
      code: 'control_character',
      message: 'contains a control character (such as a tab or a line break); a key must be plain text',
    };
  }
  if (key.length > maxLength) return tooLong(maxLength);
  if (key === '') return { ok: false, code: 'required', message: 'is required' };
  return { ok: true, key };
}

function tooLong(maxLength: number): KeyReading {
  return { ok: false, code: 'too_long', message: `is longer than ${maxLength} characters` };
}

/** An identity key field in the push schema: refused, with a plain issue, when it cannot be read as a key. */
export function identityKey(maxLength: number) {
  return z.union([z.string(), z.number()]).transform((raw, ctx) => {
    const read = readIdentityKey(raw, maxLength);
    if (read.ok) return read.key;
    ctx.addIssue({ code: 'custom', message: read.message, params: { code: read.code } });
    return z.NEVER;
  });
}
