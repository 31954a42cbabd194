// Letter (L) and digit (D) shape of each official Dutch sidecode, as groups between the dashes.
// The shapes differ once the dashes are gone, so a stripped plate matches at most one of them.
const sidecodes: ReadonlyArray<{ sidecode: number; groups: readonly string[] }> = [
  { sidecode: 1, groups: ['LL', 'DD', 'DD'] },
  { sidecode: 2, groups: ['DD', 'DD', 'LL'] },
  { sidecode: 3, groups: ['DD', 'LL', 'DD'] },
  { sidecode: 4, groups: ['LL', 'DD', 'LL'] },
  { sidecode: 5, groups: ['LL', 'LL', 'DD'] },
  { sidecode: 6, groups: ['DD', 'LL', 'LL'] },
  { sidecode: 7, groups: ['DD', 'LLL', 'D'] },
  { sidecode: 8, groups: ['D', 'LLL', 'DD'] },
  { sidecode: 9, groups: ['LL', 'DDD', 'L'] },
  { sidecode: 10, groups: ['L', 'DDD', 'LL'] },
  { sidecode: 11, groups: ['LLL', 'DD', 'L'] },
  { sidecode: 12, groups: ['L', 'DD', 'LLL'] },
  { sidecode: 13, groups: ['D', 'LL', 'DDD'] },
  { sidecode: 14, groups: ['DDD', 'LL', 'D'] },
];

// No plate, VIN or fuel label is anywhere near this long; longer text is refused before a pattern reads it.
const maxVehicleText = 128;

const shapeOf = (text: string): string => text.replace(/[A-Z]/g, 'L').replace(/[0-9]/g, 'D');

/** Brings a Dutch registration number (kenteken) to its official dashed sidecode form, or undefined when no sidecode 1–14 fits. */
export function normaliseRegistration(raw: string): string | undefined {
  if (raw.length > maxVehicleText) return undefined;
  const compact = raw.replace(/[\s.-]/g, '').toUpperCase();
  if (!/^[A-Z0-9]{6}$/.test(compact)) return undefined;
  const shape = shapeOf(compact);
  const match = sidecodes.find(({ groups }) => groups.join('') === shape);
  if (!match) return undefined;
  const parts: string[] = [];
  let start = 0;
  for (const group of match.groups) {
    parts.push(compact.slice(start, start + group.length));
    start += group.length;
  }
  return parts.join('-');
}

/** Tells which sidecode (1–14) an already normalised, dashed registration number is written in. */
export function registrationSidecode(normalised: string): number | undefined {
  const groups = normalised.split('-');
  if (groups.some((group) => !/^[A-Z0-9]+$/.test(group))) return undefined;
  const shapes = groups.map(shapeOf);
  return sidecodes.find((s) => s.groups.length === shapes.length && s.groups.every((g, i) => g === shapes[i]))
    ?.sidecode;
}

/** Upper-cases a VIN and checks its form (17 characters, no I, O or Q), or returns undefined when it is not one. */
export function normaliseVin(raw: string): string | undefined {
  if (raw.length > maxVehicleText) return undefined;
  const vin = raw.replace(/\s+/g, '').toUpperCase();
  // No check-digit test: position 9 is a check digit only on North-American VINs; European makers use it freely.
  return /^[A-HJ-NPR-Z0-9]{17}$/.test(vin) ? vin : undefined;
}

/** The fuel kinds Claire knows; every DMS label maps to one of them. */
export const fuels = [
  'petrol',
  'diesel',
  'lpg',
  'cng',
  'electric',
  'hybrid',
  'plugin_hybrid',
  'hydrogen',
  'other',
] as const;

/** One of the fuel kinds Claire knows. */
export type Fuel = (typeof fuels)[number];

// Labels are written as compared: lower case with spaces, dashes and other punctuation removed,
// so "Plug-in hybride", "plugin HYBRIDE" and "Euro 95" all find their key.
const labelsByFuel: Record<Fuel, readonly string[]> = {
  petrol: ['benzine', 'petrol', 'gasoline', 'euro95', 'euro98', 'e10', 'e5'],
  diesel: ['diesel'],
  lpg: ['lpg', 'autogas'],
  cng: ['cng', 'aardgas'],
  electric: ['elektrisch', 'elektriciteit', 'electric', 'electricity', 'ev', 'bev'],
  hybrid: ['hybride', 'hybrid', 'hev'],
  plugin_hybrid: ['pluginhybride', 'pluginhybrid', 'phev'],
  hydrogen: ['waterstof', 'hydrogen', 'fcev'],
  other: ['overig', 'overige', 'other', 'anders'],
};

const fuelByLabel = new Map(fuels.flatMap((fuel) => labelsByFuel[fuel].map((label) => [label, fuel] as const)));

/** Maps a Dutch or English fuel label (Benzine, Elektrisch, PHEV...) to Claire's fuel enum, or returns undefined when unknown. */
export function normaliseFuel(raw: string): Fuel | undefined {
  if (raw.length > maxVehicleText) return undefined;
  return fuelByLabel.get(raw.toLowerCase().replace(/[^a-z0-9]/g, ''));
}
