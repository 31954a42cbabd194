import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseCar } from '../../src/domain/car-link.js';

const plateOnly = { _id: 'car-plate', vin: null };
const withVinA = { _id: 'car-a', vin: 'WVWZZZ1KZAW000001' };
const withVinB = { _id: 'car-b', vin: 'WVWZZZ1KZAW000002' };

describe('chooseCar: one real car is one car document, two cars are never one', () => {
  it('when the VIN is on a stored car, then that car is written, whatever carries the plate', () => {
    assert.deepEqual(chooseCar(withVinA.vin, { withVin: withVinA, withRegistration: [plateOnly] }), {
      kind: 'existing',
      _id: 'car-a',
      gainsVin: false,
    });
  });

  it('when the VIN is new and a car is known by the plate only, then that car gains the VIN', () => {
    assert.deepEqual(chooseCar(withVinA.vin, { withVin: null, withRegistration: [withVinB, plateOnly] }), {
      kind: 'existing',
      _id: 'car-plate',
      gainsVin: true,
    });
  });

  it('when the VIN is new and every car with the plate has another VIN, then it is a new car', () => {
    assert.deepEqual(chooseCar(withVinA.vin, { withVin: null, withRegistration: [withVinB] }), { kind: 'new' });
  });

  it('when there is no VIN, then the car most recently written with the plate is written, VIN or not', () => {
    assert.deepEqual(chooseCar(null, { withVin: null, withRegistration: [withVinB, plateOnly] }), {
      kind: 'existing',
      _id: 'car-b',
      gainsVin: false,
    });
  });

  it('when nothing is stored, then it is a new car, with or without VIN', () => {
    assert.deepEqual(chooseCar(null, { withVin: null, withRegistration: [] }), { kind: 'new' });
    assert.deepEqual(chooseCar(withVinA.vin, { withVin: null, withRegistration: [] }), { kind: 'new' });
  });
});
