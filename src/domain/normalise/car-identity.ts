import { fieldCaps, readLimitFactor } from '../contract/field-caps.js';
import { looksGerman, readForeignRegistration } from './foreign-registration.js';
import { isPlaceholderVin } from './placeholder-vin.js';
import { cutText, visibleText } from './text.js';
import { normaliseRegistration, normaliseVin } from './vehicle.js';

/** How a car is found again: by VIN when valid, else by its registration (rule 2, docs/data-rules.md). */
export type CarKey = Readonly<{ kind: 'vin' | 'registration'; value: string }>;

export type VinReading =
  | { kind: 'absent' }
  | { kind: 'valid'; vin: string }
  | { kind: 'placeholder' }
  | { kind: 'too_long' }
  | { kind: 'invalid' };

export type RegistrationReading =
  | { kind: 'absent' }
  | { kind: 'dutch'; plate: string }
  | { kind: 'foreign'; country: 'DE' | 'BE'; plate: string }
  | { kind: 'too_long' }
  | { kind: 'invalid' };

export type CarIdentity = Readonly<{ vin: VinReading; registration: RegistrationReading; key: CarKey | null }>;

/** Reads a VIN as sent: invisible characters and spaces ignored, upper-cased; a placeholder is not a VIN. */
export function readVin(raw: string | undefined): VinReading {
  if (raw === undefined) return { kind: 'absent' };
  const text = visibleText(cutText(raw, fieldCaps.vin * readLimitFactor));
  if (text === '') return { kind: 'absent' };
  if (text.length > fieldCaps.vin) return { kind: 'too_long' };
  const vin = normaliseVin(text);
  if (vin === undefined) return { kind: 'invalid' };
  return isPlaceholderVin(vin) ? { kind: 'placeholder' } : { kind: 'valid', vin };
}

/** Reads a plate as sent: Dutch sidecode when one fits, else a German or Belgian plate in its own form. */
export function readRegistration(raw: string | undefined): RegistrationReading {
  if (raw === undefined) return { kind: 'absent' };
  const typed = visibleText(cutText(raw, fieldCaps.registrationNumber * readLimitFactor)).toUpperCase();
  if (typed === '') return { kind: 'absent' };
  if (typed.length > fieldCaps.registrationNumber) return { kind: 'too_long' };
  const foreignFirst = looksGerman(typed) ? readForeignRegistration(typed) : undefined;
  if (foreignFirst !== undefined) return { kind: 'foreign', ...foreignFirst };
  const dutch = normaliseRegistration(typed);
  if (dutch !== undefined) return { kind: 'dutch', plate: dutch };
  const foreign = readForeignRegistration(typed);
  return foreign === undefined ? { kind: 'invalid' } : { kind: 'foreign', ...foreign };
}

/** The plate as stored and searched: the Dutch sidecode form, or the foreign plate in its own form. */
export function registrationOf(reading: RegistrationReading): string | null {
  return reading.kind === 'dutch' || reading.kind === 'foreign' ? reading.plate : null;
}

/** Reads both identifying fields of a car and the key it is found by, or null when neither identifies it. */
export function readCarIdentity(vinRaw: string | undefined, plateRaw: string | undefined): CarIdentity {
  const vin = readVin(vinRaw);
  const registration = readRegistration(plateRaw);
  let key: CarKey | null = null;
  if (vin.kind === 'valid') key = { kind: 'vin', value: vin.vin };
  else if (registration.kind === 'dutch') key = { kind: 'registration', value: registration.plate };
  else if (registration.kind === 'foreign') {
    key = { kind: 'registration', value: `${registration.country}:${registration.plate}` };
  }
  return { vin, registration, key };
}
