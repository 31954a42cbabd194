import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fuels, normaliseFuel, type Fuel } from '../../src/domain/normalise/vehicle.js';

const labels: ReadonlyArray<[string, Fuel]> = [
  ['Benzine', 'petrol'],
  ['Petrol', 'petrol'],
  ['Gasoline', 'petrol'],
  ['Euro 95', 'petrol'],
  ['E10', 'petrol'],
  ['Diesel', 'diesel'],
  ['LPG', 'lpg'],
  ['Autogas', 'lpg'],
  ['CNG', 'cng'],
  ['Aardgas', 'cng'],
  ['Elektrisch', 'electric'],
  ['Electric', 'electric'],
  ['EV', 'electric'],
  ['BEV', 'electric'],
  ['Hybride', 'hybrid'],
  ['Hybrid', 'hybrid'],
  ['HEV', 'hybrid'],
  ['Plug-in hybride', 'plugin_hybrid'],
  ['Plug-in hybrid', 'plugin_hybrid'],
  ['PHEV', 'plugin_hybrid'],
  ['Waterstof', 'hydrogen'],
  ['Hydrogen', 'hydrogen'],
  ['FCEV', 'hydrogen'],
  ['Overig', 'other'],
  ['Other', 'other'],
];

describe('normaliseFuel', () => {
  for (const [label, fuel] of labels) {
    it(`when the label is "${label}", then the fuel is ${fuel}`, () => {
      assert.equal(normaliseFuel(label), fuel);
    });
  }

  it('when the label differs only in case and surrounding spaces, then it is recognised', () => {
    assert.equal(normaliseFuel('  BENZINE '), 'petrol');
    assert.equal(normaliseFuel('diesel'), 'diesel');
    assert.equal(normaliseFuel('elektrisch\t'), 'electric');
  });

  it('when a plug-in label is spelled with or without its dash and spaces, then it is a plug-in hybrid', () => {
    assert.equal(normaliseFuel('plugin hybride'), 'plugin_hybrid');
    assert.equal(normaliseFuel('PLUG IN HYBRID'), 'plugin_hybrid');
    assert.equal(normaliseFuel('Plug-In  Hybride'), 'plugin_hybrid');
  });

  it('when the label is unknown or a combination, then it returns undefined', () => {
    assert.equal(normaliseFuel('Kerosine'), undefined);
    assert.equal(normaliseFuel('Benzine/Elektrisch'), undefined);
    assert.equal(normaliseFuel('gas'), undefined);
    assert.equal(normaliseFuel(''), undefined);
  });

  it('when the fuel list is read, then it holds exactly the product enum in order', () => {
    assert.deepEqual(fuels, [
      'petrol',
      'diesel',
      'lpg',
      'cng',
      'electric',
      'hybrid',
      'plugin_hybrid',
      'hydrogen',
      'other',
    ]);
  });
});
