import type { HostileCase } from './hostile-case.js';
import { caseKeys, hostilePush, withMembers, type PushParts } from './hostile-push.js';

/** Keys FerretDB and MongoDB refuse in stored documents, or that a careless merge would turn into operators. */
const operatorKeys = '"$set":{"status":"closed"},"$where":"sleep(10000)","a.b":{"c.d":1},"$gt":""';
const prototypeKeys =
  '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}';

function imported(name: string, tag: string, body: string, dmsNumber = caseKeys(tag).dmsNumber): HostileCase {
  return { name, tag, request: { body }, expected: { imported: { dmsNumber } } };
}

function changed(tag: string, change: (parts: PushParts) => void): string {
  return hostilePush(tag, change);
}

/** NoSQL injection, prototype pollution and NUL bytes: all must be stored as plain values or dropped as unknown keys. */
export const injectionCases: readonly HostileCase[] = [
  imported(
    'dmsNumber is the text "$where"',
    'dms-where',
    changed('dms-where', ({ appointment }) => {
      appointment['dmsNumber'] = '$where';
    }),
    '$where',
  ),
  imported(
    'ids and numbers are dotted or start with $ ("a.b", "$gt")',
    'dotted-values',
    changed('dotted-values', ({ appointment, car, party }) => {
      appointment['woNumber'] = 'WO.24.$inc';
      car['driverId'] = '$gt';
      car['ownerId'] = 'x.y';
      party['id'] = '$gt';
    }),
  ),
  imported(
    '$-operators and dotted keys sit at the top, in the appointment, an intervention, the car and a party',
    'operator-keys',
    withMembers(hostilePush('operator-keys'), {
      top: operatorKeys,
      appointment: operatorKeys,
      intervention: operatorKeys,
      car: operatorKeys,
      party: operatorKeys,
    }),
  ),
  imported(
    '__proto__, constructor and prototype keys sit at every level',
    'proto-keys',
    withMembers(hostilePush('proto-keys'), {
      top: prototypeKeys,
      appointment: prototypeKeys,
      intervention: prototypeKeys,
      car: prototypeKeys,
      party: prototypeKeys,
    }),
  ),
  imported(
    'dmsNumber, a party id and the driver reference are "__proto__"',
    'proto-ids',
    changed('proto-ids', ({ appointment, car, party }) => {
      appointment['dmsNumber'] = '__proto__';
      car['driverId'] = '__proto__';
      car['ownerId'] = 'constructor';
      party['id'] = '__proto__';
    }),
    '__proto__',
  ),
  imported(
    'strings hold NUL bytes',
    'nul-values',
    changed('nul-values', ({ intervention, party }) => {
      intervention['title'] = 'Grote\u0000beurt';
      party['lastName'] = 'Jan\u0000sen';
    }),
  ),
  // A control character makes no key a person could mean: recorded, then failed with a clear issue (rule 2).
  {
    name: 'dmsNumber holds a NUL byte',
    tag: 'nul-dms',
    request: {
      body: changed('nul-dms', ({ appointment }) => {
        appointment['dmsNumber'] = 'H-nul\u0000dms';
      }),
    },
    expected: { failed: ['appointment.dmsNumber control_character'] },
  },
  imported(
    'a key holds a NUL byte',
    'nul-key',
    withMembers(hostilePush('nul-key'), { car: '"vin\\u0000":"x","\\u0000":1' }),
  ),
  imported(
    'the appointment key appears twice (the last one counts, in receiver and import alike)',
    'duplicate-key',
    withMembers(
      hostilePush('duplicate-key', ({ appointment }) => {
        appointment['dmsNumber'] = 'H-duplicate-key-last';
      }),
      { top: `"appointment":${JSON.stringify({ dmsNumber: caseKeys('duplicate-key').dmsNumber })}` },
    ),
    'H-duplicate-key-last',
  ),
];
