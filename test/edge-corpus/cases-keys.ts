import type { EdgeClass } from './edge-case.js';

const dms = (dmsNumber: unknown) => ({ appointment: { dmsNumber } });
const wo = (woNumber: unknown) => ({ appointment: { woNumber } });
/** The one party, driver and owner, with this id on both sides. */
const partyId = (id: unknown, reference: unknown = id) => ({
  car: { driverId: reference, ownerId: reference },
  parties: [{ id, lastName: 'Jansen' }],
});

/** Rule 2 and 5: identity keys compare as a person reads them; what no person could mean is refused. */
export const keys: EdgeClass = {
  name: 'identity keys',
  cases: [
    { name: 'a DMS number as text', push: dms('184467'), values: { dmsNumber: '184467' } },
    { name: 'a DMS number as a JSON number', push: dms(184467), values: { dmsNumber: '184467' } },
    { name: 'a DMS number with a zero-width space', push: dms('184467\u200B'), values: { dmsNumber: '184467' } },
    { name: 'a DMS number with a byte order mark', push: dms('\uFEFF184467'), values: { dmsNumber: '184467' } },
    { name: 'a DMS number with a word joiner inside', push: dms('1844\u206067'), values: { dmsNumber: '184467' } },
    { name: 'a DMS number with a soft hyphen', push: dms('184\u00AD467'), values: { dmsNumber: '184467' } },
    { name: 'a DMS number with a left-to-right mark', push: dms('\u200E184467'), values: { dmsNumber: '184467' } },
    { name: 'a DMS number with surrounding spaces', push: dms('  184467 '), values: { dmsNumber: '184467' } },
    {
      name: 'a DMS number with no-break spaces around it',
      push: dms('\u00A0184467\u00A0'),
      values: { dmsNumber: '184467' },
    },
    {
      name: 'a DMS number at the largest exact JSON number',
      push: dms(9007199254740991),
      values: { dmsNumber: '9007199254740991' },
    },
    {
      name: 'a DMS number beyond 2^53 sent as text',
      push: dms('18446744073709551617'),
      values: { dmsNumber: '18446744073709551617' },
    },
    {
      name: 'a DMS number beyond 2^53 sent as a JSON number',
      push: dms(2 ** 64),
      issues: ['appointment.dmsNumber unsafe_number'],
    },
    {
      name: 'a DMS number of 2^53 exactly',
      push: dms(9007199254740992),
      issues: ['appointment.dmsNumber unsafe_number'],
    },
    { name: 'a DMS number with a fraction', push: dms(184467.5), issues: ['appointment.dmsNumber unsafe_number'] },
    {
      name: 'a DMS number with a tab inside',
      push: dms('1844\t67'),
      issues: ['appointment.dmsNumber control_character'],
    },
    {
      name: 'a DMS number with a line break inside',
      push: dms('1844\n67'),
      issues: ['appointment.dmsNumber control_character'],
    },
    {
      name: 'a DMS number with a line break after it (surrounding space)',
      push: dms('184467\r\n'),
      values: { dmsNumber: '184467' },
    },
    { name: 'a DMS number with NUL', push: dms('184467\u0000'), issues: ['appointment.dmsNumber control_character'] },
    {
      name: 'a DMS number with a C1 control',
      push: dms('184467\u0085'),
      issues: ['appointment.dmsNumber control_character'],
    },
    {
      name: 'a DMS number of only invisible characters',
      push: dms('\u200B\u200B'),
      issues: ['appointment.dmsNumber required'],
    },
    {
      name: 'a DMS number with a decomposed é is stored composed (NFC)',
      push: dms('WERKPLAATS-E\u0301'),
      values: { dmsNumber: 'WERKPLAATS-\u00C9' },
    },
    {
      name: 'a WO number with a zero-width joiner',
      push: wo('WO-24-\u200D01873'),
      values: { 'appointment.woNumber': 'WO-24-01873' },
    },
    { name: 'a WO number as a JSON number', push: wo(1873), values: { 'appointment.woNumber': '1873' } },
    {
      name: 'a WO number with a carriage return',
      push: wo('WO-\r1'),
      issues: ['appointment.woNumber control_character'],
    },
    { name: 'a WO number beyond 2^53', push: wo(2 ** 60), issues: ['appointment.woNumber unsafe_number'] },
    {
      name: 'a party id with a zero-width space, referenced without it',
      push: partyId('C-1\u200B', 'C-1'),
      values: { 'parties[0].dmsPartyId': 'C-1', 'parties[0].roles': ['driver', 'owner'], 'car.driverDmsId': 'C-1' },
    },
    {
      name: 'a party reference with spaces around it',
      push: partyId('C-1', ' C-1 '),
      values: { 'parties[0].roles': ['driver', 'owner'], 'car.ownerDmsId': 'C-1' },
    },
    {
      name: 'a party id as a number, referenced as text',
      push: partyId(3001, '3001'),
      values: { 'parties[0].dmsPartyId': '3001', 'parties[0].roles': ['driver', 'owner'] },
    },
    {
      name: 'a party id with a tab',
      push: partyId('C-\t1'),
      issues: ['car.driverId control_character', 'car.ownerId control_character', 'parties[0].id control_character'],
    },
    {
      name: 'a party id beyond 2^53',
      push: partyId(2 ** 54),
      issues: ['car.driverId unsafe_number', 'car.ownerId unsafe_number', 'parties[0].id unsafe_number'],
    },
    {
      name: 'two parties whose ids differ only by an invisible character',
      push: { parties: [{ id: 'C-1' }, { id: 'C-1\u200B' }] },
      issues: ['parties[1].id duplicate_party'],
    },
  ],
};
