/** Trims and lower-cases an e-mail address, or returns undefined when the text does not look like one. */
export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  // Deliberately loose: one @, something before it, a dotted domain after it, no spaces. The mail server is the real judge.
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email) ? email : undefined;
}
