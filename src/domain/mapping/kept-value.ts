import { cutText } from '../normalise/text.js';
import type { WarningList } from './map-push.js';

/** Cuts a non-identity value at its field's cap, with a `too_long` warning naming the field (rule 6). */
export function withinCap(value: string, cap: number, path: string, warnings: WarningList): string {
  if (value.length <= cap) return value;
  warnings.add(path, 'too_long', `is longer than ${cap} characters; the first ${cap} are kept, as sent`);
  return cutText(value, cap);
}

/** Reads an optional value, or keeps it raw with a warning when it cannot be read: a value, a raw, never a failure. */
export function readOrKeep<T>(
  raw: string | undefined,
  cap: number,
  path: string,
  warnings: WarningList,
  read: (text: string) => T | undefined,
  warn: () => void,
): { value: T | null; raw: string | null } {
  if (raw === undefined) return { value: null, raw: null };
  const kept = withinCap(raw, cap, path, warnings);
  // A value over its cap is never read: it cannot be what the field means, and reading it could be slow.
  const value = kept === raw ? read(kept) : undefined;
  if (value !== undefined) return { value, raw: null };
  if (kept === raw) warn();
  return { value: null, raw: kept };
}
