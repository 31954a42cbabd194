import { authCases } from './cases-auth.js';
import { envelopeCases } from './cases-envelope.js';
import { injectionCases } from './cases-injection.js';
import { sizeCases } from './cases-size.js';
import { typeCases } from './cases-types.js';
import type { HostileCase } from './hostile-case.js';

/** Every hostile or broken request the receiver and the import must answer exactly as each case says. */
export const hostileCorpus: readonly HostileCase[] = [
  ...envelopeCases,
  ...authCases,
  ...typeCases,
  ...sizeCases,
  ...injectionCases,
];

const tags = hostileCorpus.map((hostile) => hostile.tag);
const repeated = tags.filter((tag, index) => tags.indexOf(tag) !== index);
if (repeated.length > 0) throw new Error(`hostile cases share tags: ${repeated.join(', ')}`);
