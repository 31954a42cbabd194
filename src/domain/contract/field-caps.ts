/**
 * The longest value each text field keeps, in characters. A longer value in an identity key fails the import; in any
 * other field it is kept cut at this length with a `too_long` warning (docs/data-rules.md). Every reader cuts at
 * four times the cap before any pattern runs, so no value's length can make a normaliser slow.
 */
export const fieldCaps = {
  key: 64,
  lineId: 64,
  title: 500,
  description: 4000,
  make: 100,
  model: 200,
  registrationNumber: 32,
  vin: 32,
  fuel: 64,
  date: 40,
  yesNo: 16,
  company: 200,
  partyTitle: 50,
  firstName: 100,
  lastName: 200,
  street: 200,
  houseNumber: 20,
  postcode: 20,
  place: 100,
  email: 254,
  phone: 40,
} as const;

/** How far past its cap a value is read at all; the rest is dropped unread. */
export const readLimitFactor = 4;
