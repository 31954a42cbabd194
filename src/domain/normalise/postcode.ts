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
