import { party, type EdgeClass } from './edge-case.js';

const phone = (name: string, fields: Record<string, unknown>, expected: unknown, warnings: string[] = []) => ({
  name,
  push: party(fields),
  values: { 'parties[0].phonePrivate': expected },
  warnings,
});

const assumed = 'parties[0].phonePrivate phone_country_assumed';

/** Rule 5 and 6: phone numbers in E.164 with their extension; the country from the number or the postcode. */
export const phones: EdgeClass = {
  name: 'phone numbers',
  cases: [
    phone('a Dutch mobile', { phonePrivate: '06-12345678' }, '+31612345678'),
    phone('a Dutch landline with area code', { phonePrivate: '(020) 123 4567' }, '+31201234567'),
    phone('a Dutch number with +31 (0)', { phonePrivate: '+31 (0)6 12345678' }, '+31612345678'),
    phone('a Dutch number with 0031', { phonePrivate: '0031 6 12345678' }, '+31612345678'),
    phone('an extension written "ext. 12"', { phonePrivate: '020 123 4567 ext. 12' }, '+31201234567;ext=12'),
    phone('an extension written "x12"', { phonePrivate: '020 123 4567 x12' }, '+31201234567;ext=12'),
    phone('an extension written "tst 12" (toestel)', { phonePrivate: '020 123 4567 tst 12' }, '+31201234567;ext=12'),
    phone('an extension written "toestel 345"', { phonePrivate: '020-1234567 toestel 345' }, '+31201234567;ext=345'),
    phone('an extension on an international number', { phonePrivate: '+32 2 123 45 67 ext 9' }, '+3221234567;ext=9'),
    phone('a phone with a zero-width space', { phonePrivate: '06\u200B12345678' }, '+31612345678'),
    phone(
      'a Belgian mobile written nationally, Belgian postcode',
      { phonePrivate: '0470 12 34 56', postcode: '2000' },
      '+32470123456',
    ),
    phone(
      'a Belgian landline written nationally, Belgian postcode with B- prefix',
      { phonePrivate: '02 123 45 67', postcode: 'B-1000' },
      '+3221234567',
    ),
    phone(
      'a number valid in both countries, Dutch postcode',
      { phonePrivate: '0470 12 34 56', postcode: '4701 AB' },
      '+31470123456',
    ),
    phone('a number valid in both countries, no postcode', { phonePrivate: '0470 12 34 56' }, '+31470123456', [
      assumed,
    ]),
    phone(
      'a number valid in both countries, postcode unreadable',
      { phonePrivate: '09 123 45 67', postcode: 'onbekend' },
      '+3191234567',
      [assumed, 'parties[0].postcode invalid_postcode'],
    ),
    phone('a number only Belgium has, no postcode', { phonePrivate: '02 123 45 67' }, '+3221234567', [assumed]),
    phone(
      'a Dutch mobile at a party with a Belgian postcode',
      { phonePrivate: '06 12345678', postcode: '9000' },
      '+31612345678',
      [assumed],
    ),
    phone('a Belgian number with its country code', { phonePrivate: '+32 470 12 34 56' }, '+32470123456'),
    phone('a German number with its country code', { phonePrivate: '+49 30 12345678' }, '+493012345678'),
    phone('two numbers in one field', { phonePrivate: '0612345678 / 0201234567' }, '0612345678 / 0201234567', [
      'parties[0].phonePrivate invalid_phone',
    ]),
    phone('a fragment without trunk 0', { phonePrivate: '12345' }, '12345', ['parties[0].phonePrivate invalid_phone']),
    phone('a number with too few digits', { phonePrivate: '06123' }, '06123', [
      'parties[0].phonePrivate invalid_phone',
    ]),
    {
      name: 'every phone field of a party at once, each with its own warning',
      push: party({ phonePrivate: 'nvt', mobilePrivate: '06 1234 5678', phoneBusiness: '-', mobileBusiness: 'x' }),
      values: { 'parties[0].mobilePrivate': '+31612345678', 'parties[0].phoneBusiness': '-' },
      warnings: [
        'parties[0].phonePrivate invalid_phone',
        'parties[0].phoneBusiness invalid_phone',
        'parties[0].mobileBusiness invalid_phone',
      ],
    },
  ],
};

const email = (raw: string, expected: string, warnings: string[] = []) => ({
  name: `the e-mail ${JSON.stringify(raw)}`,
  push: party({ emailPrivate: raw }),
  values: { 'parties[0].emailPrivate': expected },
  warnings,
});
const invalidEmail = ['parties[0].emailPrivate invalid_email'];

/** Rule 5 and 6: e-mail addresses cleaned of what mail programs wrap them in; the rest kept with a warning. */
export const emails: EdgeClass = {
  name: 'e-mail addresses',
  cases: [
    email(' Jan.deVries@Example.NL ', 'jan.devries@example.nl'),
    email('<jan@example.nl>', 'jan@example.nl'),
    email('Jan de Vries <jan@example.nl>', 'jan@example.nl'),
    email('"Jan de Vries" <Jan@Example.nl>', 'jan@example.nl'),
    email('mailto:jan@example.nl', 'jan@example.nl'),
    email('MAILTO:Jan@Example.nl', 'jan@example.nl'),
    email('<mailto:jan@example.nl>', 'jan@example.nl'),
    email('jan@exam\u200Bple.nl', 'jan@example.nl'),
    email('\uFEFFjan@example.nl', 'jan@example.nl'),
    email('"jan@example.nl"', 'jan@example.nl'),
    email('a+werk@mail.example.co.uk', 'a+werk@mail.example.co.uk'),
    email('jan@example', 'jan@example', invalidEmail),
    email('jan@@example.nl', 'jan@@example.nl', invalidEmail),
    email('jan de vries@example.nl', 'jan de vries@example.nl', invalidEmail),
    email('jan@example.nl; piet@example.nl', 'jan@example.nl; piet@example.nl', invalidEmail),
    email('geen e-mail', 'geen e-mail', invalidEmail),
    {
      name: 'a business e-mail cleaned and a private one kept with a warning',
      push: party({ emailBusiness: 'mailto:INFO@garage.nl', emailPrivate: 'info(at)garage.nl' }),
      values: { 'parties[0].emailBusiness': 'info@garage.nl', 'parties[0].emailPrivate': 'info(at)garage.nl' },
      warnings: invalidEmail,
    },
  ],
};

const postcode = (raw: string, expected: string, warnings: string[] = []) => ({
  name: `the postcode ${JSON.stringify(raw)}`,
  push: party({ postcode: raw }),
  values: { 'parties[0].postcode': expected },
  warnings,
});
const invalidPostcode = ['parties[0].postcode invalid_postcode'];

/** Rule 6: Dutch postcodes as `1234 AB`, Belgian as four digits; a country prefix is understood. */
export const postcodes: EdgeClass = {
  name: 'postcodes',
  cases: [
    postcode('1234ab', '1234 AB'),
    postcode(' 1234  AB ', '1234 AB'),
    postcode('NL-1234 AB', '1234 AB'),
    postcode('1234\u200BAB', '1234 AB'),
    postcode('B-1000', '1000'),
    postcode('BE 9000', '9000'),
    postcode('2000', '2000'),
    postcode('1234 SS', '1234 SS', invalidPostcode),
    postcode('0123 AB', '0123 AB', invalidPostcode),
    postcode('NL-1000', 'NL-1000', invalidPostcode),
    postcode('B-1234 AB', 'B-1234 AB', invalidPostcode),
    postcode('D-10115', 'D-10115', invalidPostcode),
  ],
};
