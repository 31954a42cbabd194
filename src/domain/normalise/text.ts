// Characters nobody sees that copy-paste from mail, Word or web pages carries into DMS fields: zero-width space,
// non-joiner and joiner, word joiner, byte order mark, soft hyphen, Mongolian vowel separator, and the
// direction marks and embeddings. They make "184467" and "184467" + U+200B two keys to a database, one to a person.
const invisible = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

// C0 and C1 control characters and DEL: never typed into a key on purpose (docs/data-rules.md).
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's whole job
const control = /[\u0000-\u001F\u007F-\u009F]/;

/** Text as stored: Unicode NFC (so "é" typed two ways is one value), surrounding spaces trimmed. */
export function storedText(raw: string): string {
  return raw.normalize('NFC').trim();
}

/** Text with the invisible characters removed, then as stored; for keys, plates, VINs, phones, e-mails, postcodes. */
export function visibleText(raw: string): string {
  return storedText(raw.replace(invisible, ''));
}

/** True when the text holds a control character (a tab, a newline, NUL...). */
export function hasControlCharacter(text: string): boolean {
  return control.test(text);
}

/** The text cut to at most `cap` characters, never splitting a surrogate pair. */
export function cutText(text: string, cap: number): string {
  if (text.length <= cap) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(cap - 1)) ? cap - 1 : cap;
  return text.slice(0, end);
}
