import { hasCountryCode, readPhone, type PhoneCountry } from './contact.js';

/** A party's phone number read as E.164, and the country assumed for it when nothing told which one it is. */
export type PartyPhone = { number: string; assumed: PhoneCountry | null };

/**
 * Reads a number written without a country code as Dutch or Belgian: the party's postcode decides when it tells
 * (letters: NL, four digits: BE); a number that is valid only in the other country is read there, with a warning;
 * with no postcode, a number valid in both is read as Dutch, with a warning (docs/data-rules.md).
 */
export function readPartyPhone(raw: string, told: PhoneCountry | undefined): PartyPhone | undefined {
  if (hasCountryCode(raw)) {
    const phone = readPhone(raw);
    return phone === undefined ? undefined : { number: phone.number, assumed: null };
  }
  const preferred = told ?? 'NL';
  const other: PhoneCountry = preferred === 'NL' ? 'BE' : 'NL';
  const asPreferred = readPhone(raw, preferred);
  const asOther = readPhone(raw, other);
  if (asPreferred !== undefined) {
    const ambiguous = told === undefined && asOther !== undefined;
    return { number: asPreferred.number, assumed: ambiguous ? preferred : null };
  }
  return asOther === undefined ? undefined : { number: asOther.number, assumed: other };
}
