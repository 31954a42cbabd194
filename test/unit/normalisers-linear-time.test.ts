import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldCaps } from '../../src/domain/contract/field-caps.js';
import { readIdentityKey } from '../../src/domain/contract/identity-key.js';
import { validatePushBody } from '../../src/domain/contract/validate-push.js';
import { mapPush } from '../../src/domain/mapping/map-push.js';
import { parseFlexibleBoolean } from '../../src/domain/normalise/boolean.js';
import { readRegistration, readVin } from '../../src/domain/normalise/car-identity.js';
import { normaliseEmail, normalisePostcode, readPhone } from '../../src/domain/normalise/contact.js';
import { maxDateTextLength, parseCalendarDate, parseDmsDateTime } from '../../src/domain/normalise/dates.js';
import { readForeignRegistration } from '../../src/domain/normalise/foreign-registration.js';
import { readPartyPhone } from '../../src/domain/normalise/party-phone.js';
import { storedText, visibleText } from '../../src/domain/normalise/text.js';
import { normaliseFuel, normaliseRegistration, normaliseVin } from '../../src/domain/normalise/vehicle.js';
import { pushBody } from '../support/push-body.js';

// Each normaliser gets the input that makes it work hardest (a long run of what its patterns may repeat, then a
// character that makes them fail at the end), at its cap and at 100 times the cap. The ratio of the two timings,
// measured in this one run, must stay near linear; no fixed time is asserted, so a slow machine cannot fail it.

/** Best of several rounds of many calls: one slow round on a shared machine must not decide the ratio. */
function bestMicroseconds(run: () => unknown, calls: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 7; round += 1) {
    const started = process.hrtime.bigint();
    for (let call = 0; call < calls; call += 1) run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1000 / calls);
  }
  return best;
}

// Linear growth is 100. A shared machine under load (one round seen at 378 with the load average at 16) needs
// wide slack; 1,000 still fails quadratic growth (10,000) by a factor of ten.
const maxRatio = 1000;

/** A run of `unit` to `length` characters, then `end`. */
const filled = (unit: string, length: number, end = 'x') =>
  unit.repeat(Math.ceil(Math.max(0, length - end.length) / unit.length)).slice(0, Math.max(0, length - end.length)) +
  end;

type Case = Readonly<{ name: string; cap: number; worst: (length: number) => string; run: (text: string) => unknown }>;

const cases: readonly Case[] = [
  {
    name: 'identity key',
    cap: fieldCaps.key,
    worst: (n) => filled(' \u200B', n, '\u0001'),
    run: (t) => readIdentityKey(t, fieldCaps.key),
  },
  { name: 'stored text (NFC, trim)', cap: fieldCaps.description, worst: (n) => filled('e\u0301 ', n), run: storedText },
  { name: 'visible text', cap: fieldCaps.description, worst: (n) => filled('\u200B\u200D ', n), run: visibleText },
  { name: 'e-mail', cap: fieldCaps.email, worst: (n) => filled('a.', n, '@b'), run: normaliseEmail },
  { name: 'e-mail in brackets', cap: fieldCaps.email, worst: (n) => filled('<a@b.', n, 'nl'), run: normaliseEmail },
  { name: 'phone', cap: fieldCaps.phone, worst: (n) => filled('0 6', n), run: (t) => readPhone(t) },
  {
    name: 'phone with extension word',
    cap: fieldCaps.phone,
    worst: (n) => filled('tst ', n, '1'),
    run: (t) => readPhone(t),
  },
  {
    name: 'party phone (NL or BE)',
    cap: fieldCaps.phone,
    worst: (n) => filled('04 ', n, '1'),
    run: (t) => readPartyPhone(t, undefined),
  },
  { name: 'postcode', cap: fieldCaps.postcode, worst: (n) => filled('1 ', n, 'A'), run: normalisePostcode },
  {
    name: 'registration',
    cap: fieldCaps.registrationNumber,
    worst: (n) => filled('A-', n, '!'),
    run: readRegistration,
  },
  {
    name: 'Dutch registration',
    cap: fieldCaps.registrationNumber,
    worst: (n) => filled(' .', n),
    run: normaliseRegistration,
  },
  {
    name: 'foreign registration',
    cap: fieldCaps.registrationNumber,
    worst: (n) => filled('A -', n, '1!'),
    run: readForeignRegistration,
  },
  { name: 'VIN', cap: fieldCaps.vin, worst: (n) => filled('0 ', n, 'I'), run: readVin },
  { name: 'VIN form', cap: fieldCaps.vin, worst: (n) => filled('\t', n), run: normaliseVin },
  { name: 'fuel', cap: fieldCaps.fuel, worst: (n) => filled('-', n), run: normaliseFuel },
  { name: 'yes/no', cap: fieldCaps.yesNo, worst: (n) => filled(' ', n), run: parseFlexibleBoolean },
  { name: 'date-time', cap: maxDateTextLength, worst: (n) => filled('1', n, '-'), run: parseDmsDateTime },
  { name: 'calendar date', cap: maxDateTextLength, worst: (n) => filled('1-', n, 'x'), run: parseCalendarDate },
];

describe('every normaliser takes time at most linear in its input', () => {
  for (const { name, cap, worst, run } of cases) {
    it(`when the ${name} normaliser reads its worst case at the cap and at 100 times it, then the time grows at most linearly`, (t) => {
      const atCap = worst(cap);
      const hundredTimes = worst(cap * 100);
      assert.equal(atCap.length, cap);
      assert.equal(hundredTimes.length, cap * 100);
      // Fewer calls for the long free-text fields, whose 100 times is 400,000 characters.
      const calls = cap > 1000 ? 5 : 50;
      bestMicroseconds(() => run(atCap), calls); // warm up the JIT before measuring
      const ratio = bestMicroseconds(() => run(hundredTimes), calls) / bestMicroseconds(() => run(atCap), calls);
      t.diagnostic(`ratio ${ratio.toFixed(1)}`);
      assert.ok(ratio < maxRatio, `100 times the input took ${ratio.toFixed(1)} times as long`);
    });
  }

  it('when a whole push has every text field at 100 times its cap, then validating and mapping it grows at most linearly', (t) => {
    const everyField = (factor: number) => {
      const long = (cap: number) => filled('0 ', cap * factor);
      return pushBody({
        appointment: {
          woNumber: 'WO-1',
          creationDate: long(fieldCaps.date),
          customerWaiting: long(fieldCaps.yesNo),
          interventions: [{ title: long(fieldCaps.title), description: long(fieldCaps.description) }],
        },
        car: {
          registrationNumber: 'GB-123-X',
          vin: long(fieldCaps.vin),
          make: long(fieldCaps.make),
          fuel: long(fieldCaps.fuel),
          apkDate: long(fieldCaps.date),
        },
        parties: [
          {
            id: 'C-1',
            lastName: long(fieldCaps.lastName),
            postcode: long(fieldCaps.postcode),
            emailPrivate: long(fieldCaps.email),
            phonePrivate: long(fieldCaps.phone),
          },
        ],
      });
    };
    const importOf = (body: string) => () => {
      const validation = validatePushBody(body);
      if (!validation.ok) assert.fail(JSON.stringify(validation.issues));
      return mapPush(validation.push, '2026-11-27T08:20:00.000Z');
    };
    const [atCap, hundredTimes] = [importOf(everyField(1)), importOf(everyField(100))];
    bestMicroseconds(atCap, 5);
    const ratio = bestMicroseconds(hundredTimes, 5) / bestMicroseconds(atCap, 5);
    t.diagnostic(`ratio ${ratio.toFixed(1)}`);
    assert.ok(ratio < maxRatio, `100 times the input took ${ratio.toFixed(1)} times as long`);
  });
});
