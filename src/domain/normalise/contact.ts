import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { visibleText } from './text.js';

// Cut before any pattern reads it; no address is longer (RFC 5321), no phone number with an extension near it.
const maxEmailText = 1024;
const maxPhoneText = 160;
const maxPostcodeText = 80;

/** Takes an address out of the wrappers mail programs add: `mailto:`, `<...>`, `Name <...>`, quotes. */
function unwrapEmail(text: string): string {
  let email = text;
  const open = email.lastIndexOf('<');
  if (open !== -1 && email.endsWith('>')) email = email.slice(open + 1, -1).trim();
  if (email.toLowerCase().startsWith('mailto:')) email = email.slice('mailto:'.length).trim();
  if (email.length >= 2 && /^(["']).*\1$/.test(email)) email = email.slice(1, -1).trim();
  return email;
}

/** Trims and lower-cases an e-mail address, or returns undefined when the text does not look like one. */
export function normaliseEmail(raw: string): string | undefined {
  if (raw.length > maxEmailText) return undefined;
  const email = unwrapEmail(visibleText(raw)).toLowerCase();
  // Deliberately loose: one @, something before it, a dotted domain after it, no spaces. The mail server is the real judge.
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email) ? email : undefined;
}

// The default ("min") metadata checks a number's length per country, not whether its block is allocated today.
// That is what we want: the stricter "max" metadata rejects numbers garages really store, such as
// +31 6 98765432 and +32 2 123 45 67, and a number we cannot normalise only ends up kept raw with a warning.

/** The countries a number written without a country code can belong to. */
export type PhoneCountry = 'NL' | 'BE';

/** A phone number read: E.164, with `;ext=` and the extension when it had one. */
export type PhoneReading = { number: string; country: CountryCode | undefined };

// Dutch offices write an extension as "tst" or "toestel"; libphonenumber knows "ext" and "x".
function withExtensionWord(text: string): string {
  return text.replace(/\b(?:tst|toestel)\b\.?/i, ' ext. ');
}

function parsePhone(text: string, country: PhoneCountry): PhoneReading | undefined {
  // extract: false makes the whole text be the number, so "06 1234 5678 (na 17u)" is not quietly trimmed.
  const phone = parsePhoneNumberFromString(text, { defaultCountry: country, extract: false });
  if (!phone?.isValid()) return undefined;
  return {
    number: phone.ext === undefined ? phone.number : `${phone.number};ext=${phone.ext}`,
    country: phone.country,
  };
}

/** True when the text is written with a country code (`+32...`, `0032...`), so no country has to be assumed. */
export function hasCountryCode(raw: string): boolean {
  return /^(\+|00)/.test(raw.slice(0, maxPhoneText).replace(/[^0-9+]/g, ''));
}

/**
 * Reads a phone number, written nationally for `country` (NL unless told otherwise) or with a country code, as
 * E.164; an extension is kept after `;ext=`. Returns undefined when it is not a valid number there.
 */
export function readPhone(raw: string, country: PhoneCountry = 'NL'): PhoneReading | undefined {
  if (raw.length > maxPhoneText) return undefined;
  const text = withExtensionWord(visibleText(raw));
  // A number written without a country code and without the trunk 0 (such as 12345) is a fragment, not a phone
  // number, even though libphonenumber would read it as a Dutch short number.
  if (!/^(\+|0)/.test(text.replace(/[^0-9+]/g, ''))) return undefined;
  return parsePhone(text, country);
}

/** Writes a Dutch or international phone number in E.164 (`+31612345678`), or returns undefined when it is not a valid number. */
export function normalisePhone(raw: string, country: PhoneCountry = 'NL'): string | undefined {
  return readPhone(raw, country)?.number;
}

// PostNL never issues these letter pairs (SA, SD and SS carry Second World War connotations).
const unissuedDutchLetters = new Set(['SA', 'SD', 'SS']);

/** Writes a Dutch postcode as `1234 AB` and a Belgian one as its four digits, or returns undefined for anything else. */
export function normalisePostcode(raw: string): string | undefined {
  if (raw.length > maxPostcodeText) return undefined;
  let text = visibleText(raw).toUpperCase();
  // A country prefix as on an envelope: "NL-1234 AB", "B-1000", "BE 1000".
  const prefix = /^(NL|BE?)[-\s]/.exec(text);
  if (prefix) text = text.slice(prefix[0].length).trim();
  const dutch = /^([1-9][0-9]{3})\s*([A-Z]{2})$/.exec(text);
  if (dutch) {
    const [, digits, letters] = dutch;
    return letters && !unissuedDutchLetters.has(letters) && prefix?.[1]?.startsWith('B') !== true
      ? `${digits} ${letters}`
      : undefined;
  }
  return /^[1-9][0-9]{3}$/.test(text) && prefix?.[1] !== 'NL' ? text : undefined;
}

/** The country a normalised postcode belongs to: letters make it Dutch, four digits alone Belgian. */
export function postcodeCountry(normalised: string | null): PhoneCountry | undefined {
  if (normalised === null) return undefined;
  return /[A-Z]/.test(normalised) ? 'NL' : 'BE';
}
