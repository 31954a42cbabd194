import type { HostileCase } from './hostile-case.js';
import { caseKeys, hostilePush, withMembers, withRawValue, type PushParts } from './hostile-push.js';

const kB100 = 100_000;
const deepMarker = 'DEEP-VALUE-HERE';

function failing(name: string, tag: string, change: (parts: PushParts) => void, issues: string[]): HostileCase {
  return { name, tag, request: { body: hostilePush(tag, change) }, expected: { failed: issues } };
}

/** A push the receiver and the import take in full, with something huge in a field the contract ignores. */
function importedWithBody(name: string, tag: string, body: string): HostileCase {
  return { name, tag, request: { body }, expected: { imported: { dmsNumber: caseKeys(tag).dmsNumber } } };
}

/** Bodies under the size limit with huge strings, huge arrays, many keys and deep nesting. */
export const sizeCases: readonly HostileCase[] = [
  // A title is not an identity key: it lands cut at its cap, with a too_long warning (rule 6).
  importedWithBody(
    'an intervention title is 100 kB',
    'title-huge',
    hostilePush('title-huge', ({ intervention }) => {
      intervention['title'] = 'Grote beurt '.repeat(kB100 / 12);
    }),
  ),
  failing(
    'woNumber is 100 kB',
    'wo-huge',
    ({ appointment }) => {
      appointment['woNumber'] = 'W'.repeat(kB100);
    },
    ['appointment.woNumber too_long'],
  ),
  failing(
    'there are 10 000 interventions',
    'interventions-10k',
    ({ appointment }) => {
      appointment['interventions'] = Array.from({ length: 10_000 }, (_, index) => ({ title: `Regel ${index}` }));
    },
    ['appointment.interventions too_many'],
  ),
  failing(
    'there are 300 000 empty interventions, each missing its title',
    'interventions-empty',
    ({ appointment }) => {
      appointment['interventions'] = Array.from({ length: 300_000 }, () => ({}));
    },
    ['appointment.interventions too_many'],
  ),
  failing(
    'there are 51 parties',
    'parties-51',
    ({ top, party }) => {
      top['parties'] = Array.from({ length: 51 }, (_, index) => ({ ...party, id: `P-parties-51-${index}` }));
    },
    ['parties too_many'],
  ),
  {
    name: 'interventions is 5 000 levels of nested arrays',
    tag: 'deep-interventions',
    request: {
      body: withRawValue(
        hostilePush('deep-interventions', ({ appointment }) => {
          appointment['interventions'] = deepMarker;
        }),
        deepMarker,
        `${'['.repeat(5000)}${']'.repeat(5000)}`,
      ),
    },
    expected: { failed: ['appointment.interventions[0] wrong_type'] },
  },
  importedWithBody(
    'a field the contract does not know is 5 000 levels of nested objects',
    'deep-unknown',
    withRawValue(
      hostilePush('deep-unknown', ({ car }) => {
        car['extra'] = deepMarker;
      }),
      deepMarker,
      `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
    ),
  ),
  importedWithBody(
    'an unknown key is 100 kB long',
    'key-huge',
    withMembers(hostilePush('key-huge'), { car: `"${'k'.repeat(kB100)}":1` }),
  ),
  importedWithBody(
    'the car carries 20 000 unknown keys',
    'keys-many',
    hostilePush('keys-many', ({ car }) => {
      for (let index = 0; index < 20_000; index++) car[`extra${index}`] = index;
    }),
  ),
];
