import { plateOnly, vinOnly, type EdgeClass } from './edge-case.js';

const placeholder = (vin: string) => ({
  name: `the placeholder VIN ${vin}`,
  push: { car: { vin } },
  values: { 'car.vin': null, 'car.vinRaw': vin, 'car.key': { kind: 'registration', value: 'GB-123-X' } },
  warnings: ['car.vin placeholder_vin'],
});

/** Rule 2: a placeholder VIN is no VIN, so it never makes two cars one; a real VIN identifies the car. */
export const vins: EdgeClass = {
  name: 'VINs',
  cases: [
    placeholder('00000000000000000'),
    placeholder('11111111111111111'),
    placeholder('XXXXXXXXXXXXXXXXX'),
    placeholder('ZZZZZZZZZZZZZZZZZ'),
    placeholder('12345678901234567'),
    placeholder('01234567890123456'),
    placeholder('ABCDEFGHJKLMNPRST'),
    placeholder('WVW00000000000000'),
    placeholder('VF1XXXXXXXXXXXXXX'),
    {
      name: 'a placeholder VIN in lower case',
      push: { car: { vin: 'xxxxxxxxxxxxxxxxx' } },
      values: { 'car.vin': null, 'car.vinRaw': 'xxxxxxxxxxxxxxxxx' },
      warnings: ['car.vin placeholder_vin'],
    },
    {
      name: 'a placeholder VIN and no plate: nothing identifies the car',
      push: vinOnly('00000000000000000'),
      issues: ['car car_unidentified'],
    },
    {
      name: 'a real VIN that ends in zeros',
      push: { car: { vin: 'WVWZZZ1KZAW000000' } },
      values: { 'car.vin': 'WVWZZZ1KZAW000000', 'car.key': { kind: 'vin', value: 'WVWZZZ1KZAW000000' } },
    },
    {
      name: 'a VIN in lower case with spaces',
      push: { car: { vin: ' wvwzzz 1kz aw000001 ' } },
      values: { 'car.vin': 'WVWZZZ1KZAW000001' },
    },
    {
      name: 'a VIN with a zero-width space pasted in',
      push: { car: { vin: 'WVWZZZ1KZ\u200BAW000001' } },
      values: { 'car.vin': 'WVWZZZ1KZAW000001', 'car.vinRaw': null },
    },
    {
      name: 'a VIN with the letter O for a zero',
      push: { car: { vin: 'WVWZZZ1KZAWO00001' } },
      values: {
        'car.vin': null,
        'car.vinRaw': 'WVWZZZ1KZAWO00001',
        'car.key': { kind: 'registration', value: 'GB-123-X' },
      },
      warnings: ['car.vin invalid_vin'],
    },
    {
      name: 'a VIN of 16 characters',
      push: { car: { vin: 'WVWZZZ1KZAW00001' } },
      values: { 'car.vin': null },
      warnings: ['car.vin invalid_vin'],
    },
    {
      name: 'a VIN and a plate both valid: the VIN keys the car',
      push: {},
      values: { 'car.key': { kind: 'vin', value: 'WVWZZZ1KZAW000001' }, 'car.registration': 'GB-123-X' },
    },
    {
      name: 'no VIN at all: the plate keys the car',
      push: plateOnly('GB-123-X'),
      values: { 'car.key': { kind: 'registration', value: 'GB-123-X' }, 'car.vin': null, 'car.vinRaw': null },
    },
  ],
};
