import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Trims and lower-cases an e-mail address, or returns undefined when the text does not look like one. */
export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  // Deliberately loose: one @, something before it, a dotted domain after it, no spaces. The mail server is the real judge.
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email) ? email : undefined;
}

// The default ("min") metadata checks a number's length per country, not whether its block is allocated today.
// That is what we want: the stricter "max" metadata rejects numbers garages really store, such as
// +31 6 98765432 and +32 2 123 45 67, and a number we cannot normalise only ends up kept raw with a warning.

/** Writes a Dutch or international phone number in E.164 (`+31612345678`), or returns undefined when it is not a valid number. */
export function normalisePhone(raw: string): string | undefined {
  // A number written without a country code and without the trunk 0 (such as 12345) is a fragment, not a phone
  // number, even though libphonenumber would read it as a Dutch short number.
  if (!/^(\+|0)/.test(raw.replace(/[^0-9+]/g, ''))) return undefined;
  // extract: false makes the whole text be the number, so "06 1234 5678 (na 17u)" is not quietly trimmed.
  const phone = parsePhoneNumberFromString(raw, { defaultCountry: 'NL', extract: false });
  return phone?.isValid() ? phone.number : undefined;
}

// PostNL never issues these letter pairs (SA, SD and SS carry Second World War connotations).
const unissuedDutchLetters = new Set(['SA', 'SD', 'SS']);

/** Writes a Dutch postcode as `1234 AB` and a Belgian one as its four digits, or returns undefined for anything else. */
export function normalisePostcode(raw: string): string | undefined {
  const text = raw.trim().toUpperCase();
  const dutch = /^([1-9][0-9]{3})\s*([A-Z]{2})$/.exec(text);
  if (dutch) {
    const [, digits, letters] = dutch;
    return letters && !unissuedDutchLetters.has(letters) ? `${digits} ${letters}` : undefined;
  }
  return /^[1-9][0-9]{3}$/.test(text) ? text : undefined;
}
