import { dates } from './cases-dates.js';
import { emails, phones, postcodes } from './cases-contact.js';
import { keys } from './cases-keys.js';
import { lines } from './cases-lines.js';
import { plates } from './cases-plates.js';
import { text } from './cases-text.js';
import { tooLong } from './cases-too-long.js';
import { vins } from './cases-vin.js';
import { yesNo } from './cases-yes-no.js';
import type { EdgeClass } from './edge-case.js';

/** The edge corpus of Dutch and Belgian DMS data, one class per rule of docs/data-rules.md. */
export const edgeCorpus: readonly EdgeClass[] = [
  tooLong,
  dates,
  yesNo,
  lines,
  vins,
  plates,
  keys,
  phones,
  emails,
  postcodes,
  text,
];
