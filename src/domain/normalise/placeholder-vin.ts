// VINs DMS users type when the real one is not at hand; each would make every car without a VIN one car.
const knownDummies = new Set([
  '12345678901234567',
  '01234567890123456',
  '12345678912345678',
  '98765432109876543',
  'ABCDEFGHJKLMNPRST',
  '1234567890ABCDEFG',
]);

/**
 * True for a well-formed VIN that stands for "no VIN": a known dummy, or a maker code followed by one character
 * repeated (17 zeros, `WVW00000000000000`, `XXXXXXXXXXXXXXXXX`). A real serial never repeats one character 14 times.
 */
export function isPlaceholderVin(vin: string): boolean {
  if (knownDummies.has(vin)) return true;
  const afterMakerCode = vin.slice(3);
  const first = afterMakerCode.charAt(0);
  return afterMakerCode.split('').every((character) => character === first);
}
