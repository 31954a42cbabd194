import { party, type EdgeClass } from './edge-case.js';

const note = '06 12345678 (alleen na 17:00 bellen, anders de voicemail inspreken)';
const longEmail = `${'jan.de.vries.van.de.garage.'.repeat(12)}@voorbeeld.nl`;
const plate40 = 'GB-123-X (oude kenteken, zie de papieren)';
const vin40 = 'WVWZZZ1KZAW000001 (controleren bij intake)';

/** Rule 6: a value too long for a field that is not an identity key lands cut at its cap, with a warning. */
export const tooLong: EdgeClass = {
  name: 'too long, not an identity key',
  cases: [
    {
      name: 'a phone number with a long note after it',
      push: party({ phonePrivate: note }),
      values: { 'parties[0].phonePrivate': note.slice(0, 40) },
      warnings: ['parties[0].phonePrivate too_long'],
    },
    {
      name: 'a phone number with a short note after it',
      push: party({ mobilePrivate: '06 12345678 (na 17u)' }),
      values: { 'parties[0].mobilePrivate': '06 12345678 (na 17u)' },
      warnings: ['parties[0].mobilePrivate invalid_phone'],
    },
    {
      name: 'a 100 kB business phone',
      push: party({ phoneBusiness: '0'.repeat(100_000) }),
      values: { 'parties[0].phoneBusiness': '0'.repeat(40) },
      warnings: ['parties[0].phoneBusiness too_long'],
    },
    {
      name: 'an e-mail address of 340 characters',
      push: party({ emailPrivate: longEmail }),
      values: { 'parties[0].emailPrivate': longEmail.slice(0, 254) },
      warnings: ['parties[0].emailPrivate too_long'],
    },
    {
      name: 'a business e-mail of exactly 254 characters',
      push: party({ emailBusiness: `${'a'.repeat(242)}@example.com` }),
      values: { 'parties[0].emailBusiness': `${'a'.repeat(242)}@example.com` },
    },
    {
      name: 'a postcode with the town after it',
      push: party({ postcode: '1234 AB Amsterdam-Zuidoost' }),
      values: { 'parties[0].postcode': '1234 AB Amsterdam-Zu' },
      warnings: ['parties[0].postcode too_long'],
    },
    {
      name: 'a plate with a note when the VIN identifies the car',
      push: { car: { registrationNumber: plate40 } },
      values: {
        'car.key': { kind: 'vin', value: 'WVWZZZ1KZAW000001' },
        'car.registration': null,
        'car.registrationRaw': plate40.slice(0, 32),
      },
      warnings: ['car.registrationNumber too_long'],
    },
    {
      name: 'a VIN with a note when the plate identifies the car',
      push: { car: { vin: vin40 } },
      values: {
        'car.key': { kind: 'registration', value: 'GB-123-X' },
        'car.vin': null,
        'car.vinRaw': vin40.slice(0, 32),
      },
      warnings: ['car.vin too_long'],
    },
    {
      name: 'both plate and VIN too long, so nothing identifies the car',
      push: { car: { vin: vin40, registrationNumber: plate40 } },
      issues: ['car car_unidentified'],
    },
    {
      name: 'an intervention title of 600 characters',
      push: { appointment: { interventions: [{ title: 'Beurt '.repeat(100) }] } },
      values: { 'appointment.interventions[0].title': 'Beurt '.repeat(100).trim().slice(0, 500) },
      warnings: ['appointment.interventions[0].title too_long'],
    },
    {
      name: 'an intervention description of 5,000 characters',
      push: { appointment: { interventions: [{ title: 'Beurt', description: 'x'.repeat(5000) }] } },
      values: { 'appointment.interventions[0].description': 'x'.repeat(4000) },
      warnings: ['appointment.interventions[0].description too_long'],
    },
    {
      name: 'an intervention line id of 100 characters',
      push: { appointment: { interventions: [{ title: 'Beurt', lineId: '7'.repeat(100) }] } },
      values: { 'appointment.interventions[0].lineId': '7'.repeat(64) },
      warnings: ['appointment.interventions[0].lineId too_long'],
    },
    {
      name: 'a make of 150 characters',
      push: { car: { make: 'M'.repeat(150) } },
      values: { 'car.make': 'M'.repeat(100) },
      warnings: ['car.make too_long'],
    },
    {
      name: 'a model of 250 characters',
      push: { car: { model: 'Golf '.repeat(50) } },
      values: { 'car.model': 'Golf '.repeat(50).trim().slice(0, 200) },
      warnings: ['car.model too_long'],
    },
    {
      name: 'a fuel label of 100 characters',
      push: { car: { fuel: 'Benzine '.repeat(13) } },
      values: { 'car.fuel': null, 'car.fuelRaw': 'Benzine '.repeat(13).trim().slice(0, 64) },
      warnings: ['car.fuel unknown_fuel', 'car.fuel too_long'],
    },
    {
      name: 'a first name of 150 characters',
      push: party({ firstName: 'J'.repeat(150) }),
      values: { 'parties[0].firstName': 'J'.repeat(100) },
      warnings: ['parties[0].firstName too_long'],
    },
    {
      name: 'a company name of 250 characters',
      push: party({ company: 'B.V. '.repeat(50) }),
      values: { 'parties[0].company': 'B.V. '.repeat(50).trim().slice(0, 200) },
      warnings: ['parties[0].company too_long'],
    },
    {
      name: 'a street, house number and place all too long',
      push: party({ street: 's'.repeat(201), houseNumber: '12'.repeat(11), place: 'p'.repeat(101) }),
      values: {
        'parties[0].street': 's'.repeat(200),
        'parties[0].houseNumber': '12'.repeat(10),
        'parties[0].place': 'p'.repeat(100),
      },
      warnings: ['parties[0].street too_long', 'parties[0].houseNumber too_long', 'parties[0].place too_long'],
    },
    {
      name: 'a party title of 60 characters',
      push: party({ title: 'Dhr. '.repeat(12) }),
      values: { 'parties[0].title': 'Dhr. '.repeat(12).trim().slice(0, 50) },
      warnings: ['parties[0].title too_long'],
    },
    {
      name: 'a last name cut where an emoji would be split in half',
      push: party({ lastName: `${'a'.repeat(199)}😀😀` }),
      values: { 'parties[0].lastName': 'a'.repeat(199) },
      warnings: ['parties[0].lastName too_long'],
    },
    {
      name: 'a DMS number of 65 characters (an identity key)',
      push: { appointment: { dmsNumber: '9'.repeat(65) } },
      issues: ['appointment.dmsNumber too_long'],
    },
    {
      name: 'a WO number of 100 kB (an identity key)',
      push: { appointment: { woNumber: 'W'.repeat(100_000) } },
      issues: ['appointment.woNumber too_long'],
    },
    {
      name: 'a party id of 65 characters (an identity key)',
      push: { car: { driverId: undefined, ownerId: undefined }, parties: [{ id: 'P'.repeat(65) }] },
      issues: ['parties[0].id too_long'],
    },
  ],
};
