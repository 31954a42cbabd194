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
  return fuelByLabel.get(raw.toLowerCase().replace(/[^a-z0-9]/g, ''));
}
