const truthy = new Set(['true', '1', 'j', 'ja', 'y', 'yes']);
const falsy = new Set(['false', '0', 'n', 'nee', 'no']);

/** Reads a yes/no value written the Dutch or English way (`true`, `"J"`, `"nee"`, `1`...), or returns undefined. */
export function parseFlexibleBoolean(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw !== 'string' || raw.length > 64) return undefined;
  const text = raw.trim().toLowerCase();
  if (truthy.has(text)) return true;
  if (falsy.has(text)) return false;
  return undefined;
}
