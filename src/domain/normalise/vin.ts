/** Upper-cases a VIN and checks its form (17 characters, no I, O or Q), or returns undefined when it is not one. */
export function normaliseVin(raw: string): string | undefined {
  const vin = raw.replace(/\s+/g, '').toUpperCase();
  // No check-digit test: position 9 is a check digit only on North-American VINs; European makers use it freely.
  return /^[A-HJ-NPR-Z0-9]{17}$/.test(vin) ? vin : undefined;
}
