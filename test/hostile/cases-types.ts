import type { HostileCase } from './hostile-case.js';
import { caseKeys, hostilePush, type PushParts } from './hostile-push.js';

const missingDmsNumber = { refused: 400, code: 'missing_dms_number' };

/** A case the receiver accepts (it has a DMS number) and the import fails, with these issues. */
/** A push that lands despite its bad value, which is no identity key (rule 6). */
function importedWith(name: string, tag: string, change: (parts: PushParts) => void): HostileCase {
  return {
    name,
    tag,
    request: { body: hostilePush(tag, change) },
    expected: { imported: { dmsNumber: caseKeys(tag).dmsNumber } },
  };
}

function failing(name: string, tag: string, change: (parts: PushParts) => void, issues: string[]): HostileCase {
  return { name, tag, request: { body: hostilePush(tag, change) }, expected: { failed: issues } };
}

/** Wrong types everywhere: the receiver refuses what has no DMS number; the import refuses the rest, by path. */
export const typeCases: readonly HostileCase[] = [
  {
    name: 'appointment is a string',
    tag: 'appointment-string',
    request: {
      body: hostilePush('appointment-string', ({ top }) => {
        top['appointment'] = 'H-appointment-string';
      }),
    },
    expected: missingDmsNumber,
  },
  {
    name: 'appointment is an array',
    tag: 'appointment-array',
    request: {
      body: hostilePush('appointment-array', ({ top, appointment }) => {
        top['appointment'] = [appointment];
      }),
    },
    expected: missingDmsNumber,
  },
  {
    name: 'dmsNumber is the object {"$gt": ""}',
    tag: 'dms-operator',
    request: {
      body: hostilePush('dms-operator', ({ appointment }) => {
        appointment['dmsNumber'] = { $gt: '' };
      }),
    },
    expected: missingDmsNumber,
  },
  {
    name: 'dmsNumber is an array',
    tag: 'dms-array',
    request: {
      body: hostilePush('dms-array', ({ appointment }) => {
        appointment['dmsNumber'] = ['H-dms-array'];
      }),
    },
    expected: missingDmsNumber,
  },
  {
    name: 'dmsNumber is true',
    tag: 'dms-true',
    request: {
      body: hostilePush('dms-true', ({ appointment }) => {
        appointment['dmsNumber'] = true;
      }),
    },
    expected: missingDmsNumber,
  },
  {
    name: 'dmsNumber is only spaces',
    tag: 'dms-blank',
    request: {
      body: hostilePush('dms-blank', ({ appointment }) => {
        appointment['dmsNumber'] = '   ';
      }),
    },
    expected: missingDmsNumber,
  },
  {
    name: 'dmsNumber is 100 kB long',
    tag: 'dms-huge',
    request: {
      body: hostilePush('dms-huge', ({ appointment }) => {
        appointment['dmsNumber'] = '9'.repeat(100_000);
      }),
    },
    expected: missingDmsNumber,
  },
  {
    name: 'dmsNumber is a JSON number',
    tag: 'dms-number',
    request: {
      body: hostilePush('dms-number', ({ appointment }) => {
        appointment['dmsNumber'] = 990001;
      }),
    },
    expected: { imported: { dmsNumber: '990001' } },
  },
  failing(
    'interventions is an object',
    'interventions-object',
    ({ appointment, intervention }) => {
      appointment['interventions'] = intervention;
    },
    ['appointment.interventions wrong_type'],
  ),
  failing(
    'prices is an array',
    'prices-array',
    ({ intervention, prices }) => {
      intervention['prices'] = [prices];
    },
    ['appointment.interventions[0].prices wrong_type'],
  ),
  failing(
    'car is a string',
    'car-string',
    ({ top }) => {
      top['car'] = 'Volkswagen';
    },
    ['car wrong_type'],
  ),
  failing(
    'parties is an object',
    'parties-object',
    ({ top, party }) => {
      top['parties'] = party;
    },
    ['parties wrong_type'],
  ),
  failing(
    'a party is a string',
    'party-string',
    ({ top }) => {
      top['parties'] = [caseKeys('party-string').partyId];
    },
    ['parties[0] wrong_type'],
  ),
  failing(
    'sentAt is a number',
    'sent-at-number',
    ({ top }) => {
      top['sentAt'] = 1795770902;
    },
    ['sentAt wrong_type'],
  ),
  failing(
    'event is not one the contract knows',
    'event-unknown',
    ({ top }) => {
      top['event'] = 'appointment.delete';
    },
    ['event invalid_value'],
  ),
  // Not a yes/no value, but not an identity key either: the work order lands with a warning (rule 6).
  importedWith('customerWaiting is "maybe"', 'waiting-maybe', ({ appointment }) => {
    appointment['customerWaiting'] = 'maybe';
  }),
  failing(
    'messageId is the object {"$ne": null}',
    'message-operator',
    ({ top }) => {
      top['messageId'] = { $ne: null };
    },
    ['messageId wrong_type'],
  ),
  failing(
    'woNumber is the object {"$ne": null}',
    'wo-operator',
    ({ appointment }) => {
      appointment['woNumber'] = { $ne: null };
    },
    ['appointment.woNumber wrong_type'],
  ),
  failing(
    'an amount is the object {"$gt": 0}',
    'amount-operator',
    ({ prices }) => {
      prices['exclVat'] = { $gt: 0 };
    },
    ['appointment.interventions[0].prices.exclVat wrong_type'],
  ),
  // A price is no identity key: an unreadable amount or rate lands without a price, with a warning (rule 6).
  importedWith('an amount is 1e300 euros', 'amount-huge', ({ prices }) => {
    prices['exclVat'] = 1e300;
  }),
  importedWith('the VAT rate is a million percent', 'vat-huge', ({ prices }) => {
    prices['vatRate'] = 1_000_000;
  }),
  failing(
    'the VIN is an array',
    'vin-array',
    ({ car }) => {
      car['vin'] = [caseKeys('vin-array').vin];
    },
    ['car.vin wrong_type'],
  ),
  failing(
    'every field has the wrong type at once',
    'all-wrong',
    ({ top, appointment, intervention, car, party }) => {
      top['messageId'] = [];
      top['sentAt'] = false;
      appointment['woNumber'] = {};
      appointment['appointmentDate'] = [];
      appointment['creationDate'] = 1;
      appointment['customerWaiting'] = 'perhaps';
      intervention['title'] = {};
      intervention['description'] = [];
      intervention['prices'] = 'free';
      car['make'] = [];
      car['vin'] = {};
      car['firstRegistrationDate'] = 12;
      car['driverId'] = {};
      party['id'] = [];
      party['lastName'] = {};
    },
    [
      'appointment.appointmentDate wrong_type',
      'appointment.creationDate wrong_type',
      'appointment.interventions[0].description wrong_type',
      'appointment.interventions[0].prices wrong_type',
      'appointment.interventions[0].title wrong_type',
      'appointment.woNumber wrong_type',
      'car.driverId wrong_type',
      'car.firstRegistrationDate wrong_type',
      'car.make wrong_type',
      'car.vin wrong_type',
      'messageId wrong_type',
      'parties[0].id wrong_type',
      'parties[0].lastName wrong_type',
      'sentAt wrong_type',
    ],
  ),
];
