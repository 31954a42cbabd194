import { party, type EdgeClass } from './edge-case.js';

const decomposed = 'Cafe\u0301 de Pe\u0301pe';
const composed = 'Caf\u00E9 de P\u00E9pe';

/** Rule 5: text is stored in Unicode NFC, so the same letters typed two ways are the same text. */
export const text: EdgeClass = {
  name: 'text (NFC)',
  cases: [
    {
      name: 'a company name with decomposed accents',
      push: party({ company: decomposed }),
      values: { 'parties[0].company': composed },
    },
    {
      name: 'a last name with a decomposed umlaut',
      push: party({ lastName: 'Mu\u0308ller' }),
      values: { 'parties[0].lastName': 'M\u00FCller' },
    },
    {
      name: 'a place already composed',
      push: party({ place: 'Ha\u00DFloch' }),
      values: { 'parties[0].place': 'Ha\u00DFloch' },
    },
    {
      name: 'an intervention title with a decomposed accent',
      push: { appointment: { interventions: [{ title: 'Remblokken vervangen (geadviseerd)' + ' e\u0301' }] } },
      values: { 'appointment.interventions[0].title': 'Remblokken vervangen (geadviseerd) \u00E9' },
    },
    {
      name: 'a description keeps its line breaks',
      push: { appointment: { interventions: [{ title: 'Beurt', description: 'regel 1\nregel 2' }] } },
      values: { 'appointment.interventions[0].description': 'regel 1\nregel 2' },
    },
    {
      name: 'a make with surrounding spaces',
      push: { car: { make: '  Volkswagen  ' } },
      values: { 'car.make': 'Volkswagen' },
    },
    { name: 'a model given as a number', push: { car: { model: 208 } }, values: { 'car.model': '208' } },
    {
      name: 'a house number given as a number',
      push: party({ houseNumber: 12 }),
      values: { 'parties[0].houseNumber': '12' },
    },
    { name: 'an empty street means absent', push: party({ street: '   ' }), values: { 'parties[0].street': null } },
  ],
};
