import type { EdgeClass } from './edge-case.js';

const line = (fields: Record<string, unknown>) => ({ appointment: { interventions: [{ title: 'Beurt', ...fields }] } });
const first = (field: string) => `appointment.interventions[0].${field}`;

/** Rule 6: a work order line with a bad price or no title is still imported; the price is left empty, with a warning. */
export const lines: EdgeClass = {
  name: 'work order lines',
  cases: [
    {
      name: 'a price in Dutch notation',
      push: line({ prices: { exclVat: '1.234,56' } }),
      values: { [first('priceExclVatCents')]: 123456, [first('priceInclVatCents')]: 149382, [first('vatRate')]: 21 },
    },
    {
      name: 'a price in words',
      push: line({ prices: { exclVat: 'twaalf euro' } }),
      values: { [first('priceExclVatCents')]: null, [first('priceInclVatCents')]: null },
      warnings: [`${first('prices.exclVat')} invalid_amount`],
    },
    {
      name: 'an unreadable price beside a readable one',
      push: line({ prices: { exclVat: '100,00', inclVat: 'gratis' } }),
      values: { [first('priceExclVatCents')]: 10000, [first('priceInclVatCents')]: 12100 },
      warnings: [`${first('prices.inclVat')} invalid_amount`],
    },
    {
      name: 'a price of 1e300 euros',
      push: line({ prices: { exclVat: 1e300 } }),
      values: { [first('priceExclVatCents')]: null },
      warnings: [`${first('prices.exclVat')} invalid_amount`],
    },
    {
      name: 'a price of 100 kB of spaces',
      push: line({ prices: { inclVat: `€${' '.repeat(100_000)}12,50` } }),
      values: { [first('priceInclVatCents')]: null },
      warnings: [`${first('prices.inclVat')} invalid_amount`],
    },
    {
      name: 'a VAT rate in words: no price derived from it',
      push: line({ prices: { exclVat: 10, vatRate: 'hoog' } }),
      values: { [first('priceExclVatCents')]: 1000, [first('priceInclVatCents')]: null, [first('vatRate')]: null },
      warnings: [`${first('prices.vatRate')} invalid_vat_rate`],
    },
    {
      name: 'a VAT rate of a million percent',
      push: line({ prices: { inclVat: 10, vatRate: 1_000_000 } }),
      values: { [first('priceExclVatCents')]: null, [first('priceInclVatCents')]: 1000 },
      warnings: [`${first('prices.vatRate')} invalid_vat_rate`],
    },
    {
      name: 'a VAT rate of 9 %',
      push: line({ prices: { exclVat: 100, vatRate: '9%' } }),
      values: { [first('priceInclVatCents')]: 10900, [first('vatRate')]: 9 },
    },
    {
      name: 'prices with neither amount',
      push: line({ prices: {} }),
      values: { [first('priceExclVatCents')]: null, [first('priceInclVatCents')]: null },
      warnings: [`${first('prices')} price_missing`],
    },
    {
      name: 'a line without title',
      push: line({ title: '' }),
      values: { [first('title')]: null },
      warnings: [`${first('title')} title_missing`],
    },
    {
      name: 'a line whose title is only spaces',
      push: line({ title: '   ' }),
      values: { [first('title')]: null },
      warnings: [`${first('title')} title_missing`],
    },
    {
      name: 'a price of the wrong JSON type (the contract fixes types)',
      push: line({ prices: { exclVat: true } }),
      issues: [`${first('prices.exclVat')} wrong_type`],
    },
  ],
};
