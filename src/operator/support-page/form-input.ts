import type { z } from 'zod';
import { parseOrRefuse } from '../../http/errors.js';

/** One text field of a form or query string, trimmed; absent, repeated or blank fields give undefined. */
export function formText(source: unknown, name: string): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const value: unknown = (source as Record<string, unknown>)[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The named fields that were filled in, as text. */
export function filledFields<K extends string>(source: unknown, names: readonly K[]): Partial<Record<K, string>> {
  const filled: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = formText(source, name);
    if (value !== undefined) filled[name] = value;
  }
  return filled;
}

/** Parses form fields with a schema; wrong values are a 400 page listing each field in plain words. */
export function parseForm<T extends z.ZodType>(schema: T, fields: unknown): z.output<T> {
  return parseOrRefuse(schema, fields, { code: 'invalid_form', message: 'Some of the fields are not valid.' });
}
