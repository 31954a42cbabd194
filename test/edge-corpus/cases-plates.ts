import { plateOnly, type EdgeClass } from './edge-case.js';

const dutch = (typed: string, plate: string) => ({
  name: `the Dutch plate ${JSON.stringify(typed)}`,
  push: plateOnly(typed),
  values: {
    'car.registration': plate,
    'car.registrationCountry': 'NL',
    'car.registrationRaw': null,
    'car.key': { kind: 'registration', value: plate },
  },
});

const foreign = (typed: string, country: 'DE' | 'BE', plate: string) => ({
  name: `the ${country === 'DE' ? 'German' : 'Belgian'} plate ${JSON.stringify(typed)}`,
  push: plateOnly(typed),
  values: {
    'car.registration': plate,
    'car.registrationCountry': country,
    'car.registrationRaw': typed.trim(),
    'car.key': { kind: 'registration', value: `${country}:${plate}` },
  },
  warnings: ['car.registrationNumber foreign_registration'],
});

/** Rule 2 and 6: Dutch plates in their sidecode; German and Belgian plates kept in their own form, still a key. */
export const plates: EdgeClass = {
  name: 'registration numbers',
  cases: [
    dutch('GB123X', 'GB-123-X'),
    dutch('gb-123-x', 'GB-123-X'),
    dutch(' 12 ABC 3 ', '12-ABC-3'),
    dutch('XK.12.34', 'XK-12-34'),
    dutch('HH AB 12', 'HH-AB-12'),
    dutch('HH-AB-12', 'HH-AB-12'),
    dutch('G\u200BB-123-X', 'GB-123-X'),
    dutch('1-KBB-22', '1-KBB-22'),
    foreign('B-AB 1234', 'DE', 'B-AB 1234'),
    foreign('b ab 1234', 'DE', 'B-AB 1234'),
    foreign('M-XY 99E', 'DE', 'M-XY 99E'),
    foreign('HH-AB 12', 'DE', 'HH-AB 12'),
    foreign('KLE-A 7H', 'DE', 'KLE-A 7H'),
    foreign('1-ABC-123', 'BE', '1-ABC-123'),
    foreign('1ABC123', 'BE', '1-ABC-123'),
    foreign('2 xyz 987', 'BE', '2-XYZ-987'),
    foreign('ABC-123', 'BE', 'ABC-123'),
    foreign('123 ABC', 'BE', '123-ABC'),
    {
      name: 'a foreign plate with a VIN: the VIN still keys the car',
      push: { car: { registrationNumber: '1-ABC-123' } },
      values: { 'car.key': { kind: 'vin', value: 'WVWZZZ1KZAW000001' }, 'car.registration': '1-ABC-123' },
      warnings: ['car.registrationNumber foreign_registration'],
    },
    {
      name: 'a German plate written without separators is not guessed',
      push: { car: { registrationNumber: 'BAB1234' } },
      values: { 'car.registration': null, 'car.registrationRaw': 'BAB1234' },
      warnings: ['car.registrationNumber invalid_registration'],
    },
    {
      name: 'a plate of no known country with a VIN',
      push: { car: { registrationNumber: 'ONBEKEND' } },
      values: { 'car.registration': null, 'car.registrationRaw': 'ONBEKEND', 'car.registrationCountry': null },
      warnings: ['car.registrationNumber invalid_registration'],
    },
    {
      name: 'a plate of no known country and no VIN',
      push: plateOnly('ONBEKEND'),
      issues: ['car car_unidentified'],
    },
    {
      name: 'no plate and no VIN',
      push: plateOnly(undefined),
      issues: ['car car_unidentified'],
    },
  ],
};
