/** A registration number of a country other than the Netherlands, in that country's written form. */
export type ForeignRegistration = Readonly<{ country: 'DE' | 'BE'; plate: string }>;

// German: district (1–3 letters), 1–2 letters, 1–4 digits, E (electric) or H (historic) at the end: "B-AB 1234".
const german = /^([A-ZÄÖÜ]{1,3})[-\s]+([A-Z]{1,2})[-\s]*([1-9]\d{0,3})([EH]?)$/;
// Belgian since 2010: a digit, three letters, three digits ("1-ABC-123"); before 2010 "ABC-123" or "123-ABC".
const belgian = /^([1-9])[-\s]?([A-Z]{3})[-\s]?(\d{3})$/;
const belgianOldLettersFirst = /^([A-Z]{3})[-\s](\d{3})$/;
const belgianOldDigitsFirst = /^(\d{3})[-\s]([A-Z]{3})$/;

const maxPlateText = 128;

/** German style puts a dash after the district and a space before the digits; Dutch plates never mix the two. */
export function looksGerman(typed: string): boolean {
  if (typed.length > maxPlateText) return false;
  return /^[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} \d/.test(typed) && german.test(typed);
}

/**
 * Reads a German or Belgian plate from its upper-cased, trimmed text, keeping that country's form (never a Dutch
 * sidecode), or returns undefined. A German plate needs its separators: without them the district cannot be told
 * from the letters that follow it.
 */
export function readForeignRegistration(typed: string): ForeignRegistration | undefined {
  if (typed.length > maxPlateText) return undefined;
  const text = typed.replace(/\s+/g, ' ');
  const de = german.exec(text);
  if (de) {
    const [, district = '', letters = '', digits = '', suffix = ''] = de;
    return { country: 'DE', plate: `${district}-${letters} ${digits}${suffix}` };
  }
  const be = belgian.exec(text);
  if (be) return { country: 'BE', plate: `${be[1] ?? ''}-${be[2] ?? ''}-${be[3] ?? ''}` };
  const beOld = belgianOldLettersFirst.exec(text) ?? belgianOldDigitsFirst.exec(text);
  if (beOld) return { country: 'BE', plate: `${beOld[1] ?? ''}-${beOld[2] ?? ''}` };
  return undefined;
}
