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

const shapeOf = (text: string): string => text.replace(/[A-Z]/g, 'L').replace(/[0-9]/g, 'D');

/** Brings a Dutch registration number (kenteken) to its official dashed sidecode form, or undefined when no sidecode 1–14 fits. */
export function normaliseRegistration(raw: string): string | undefined {
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
