import type { HostileCase } from './hostile-case.js';
import { hostilePush } from './hostile-push.js';

const unauthorized = (code: string) => ({ refused: 401, code });

/** Who may push: garage id, timestamp and signature, each missing, forged, replayed or borrowed. */
export const authCases: readonly HostileCase[] = [
  {
    name: 'the signature is missing',
    tag: 'sig-missing',
    request: { body: hostilePush('sig-missing'), signWith: 'none' },
    expected: unauthorized('missing_signature'),
  },
  {
    name: 'the signature is 64 zeros',
    tag: 'sig-zeros',
    request: { body: hostilePush('sig-zeros'), signWith: { signature: `sha256=${'0'.repeat(64)}` } },
    expected: unauthorized('invalid_signature'),
  },
  {
    name: 'the signature is garbage of another length',
    tag: 'sig-short',
    request: { body: hostilePush('sig-short'), signWith: { signature: 'sha256=abc' } },
    expected: unauthorized('invalid_signature'),
  },
  {
    name: 'the body was changed after it was signed',
    tag: 'sig-tampered',
    request: {
      body: hostilePush('sig-tampered', ({ appointment }) => {
        appointment['woNumber'] = 'WO-CHANGED';
      }),
      signedBody: hostilePush('sig-tampered'),
    },
    expected: unauthorized('invalid_signature'),
  },
  {
    name: 'the signature was made for another timestamp than the one sent',
    tag: 'sig-other-time',
    request: { body: hostilePush('sig-other-time'), timestamp: 0, signedTimestampOffset: -60 },
    expected: unauthorized('invalid_signature'),
  },
  {
    name: 'the push is signed with another garage’s secret under its own garage id',
    tag: 'sig-other-secret',
    request: { body: hostilePush('sig-other-secret'), signWith: 'other' },
    expected: unauthorized('invalid_signature'),
  },
  {
    name: 'one garage’s signature comes with another garage’s id',
    tag: 'sig-borrowed-id',
    request: { body: hostilePush('sig-borrowed-id'), garageId: 'other', signWith: 'own' },
    expected: unauthorized('invalid_signature'),
  },
  {
    name: 'the garage id does not exist',
    tag: 'garage-unknown',
    request: { body: hostilePush('garage-unknown'), garageId: { literal: 'garage-that-never-was' }, signWith: 'own' },
    expected: unauthorized('invalid_signature'),
  },
  {
    name: 'the garage id is __proto__',
    tag: 'garage-proto',
    request: { body: hostilePush('garage-proto'), garageId: { literal: '__proto__' }, signWith: 'own' },
    expected: unauthorized('invalid_signature'),
  },
  {
    name: 'the garage id is a $-operator',
    tag: 'garage-operator',
    request: { body: hostilePush('garage-operator'), garageId: { literal: '$ne' }, signWith: 'own' },
    expected: unauthorized('invalid_signature'),
  },
  {
    name: 'the garage id header is missing',
    tag: 'garage-missing',
    request: { body: hostilePush('garage-missing'), garageId: null, signWith: 'own' },
    expected: unauthorized('missing_garage_id'),
  },
  {
    name: 'the timestamp is replayed from 301 s ago',
    tag: 'ts-replayed',
    request: { body: hostilePush('ts-replayed'), timestamp: -301 },
    expected: unauthorized('timestamp_out_of_tolerance'),
  },
  {
    name: 'the timestamp is 301 s in the future',
    tag: 'ts-future',
    request: { body: hostilePush('ts-future'), timestamp: 301 },
    expected: unauthorized('timestamp_out_of_tolerance'),
  },
  {
    name: 'the timestamp is missing',
    tag: 'ts-missing',
    request: { body: hostilePush('ts-missing'), timestamp: null },
    expected: unauthorized('missing_timestamp'),
  },
  {
    name: 'the timestamp is in milliseconds',
    tag: 'ts-millis',
    request: { body: hostilePush('ts-millis'), timestamp: { literal: String(Date.now()) } },
    expected: unauthorized('missing_timestamp'),
  },
  {
    name: 'the timestamp is written in exponent notation',
    tag: 'ts-exponent',
    request: { body: hostilePush('ts-exponent'), timestamp: { literal: '1.8e9' } },
    expected: unauthorized('missing_timestamp'),
  },
  {
    name: 'Idempotency-Key differs from the messageId',
    tag: 'idempotency',
    request: { body: hostilePush('idempotency'), headers: { 'Idempotency-Key': 'hostile-something-else' } },
    expected: { refused: 400, code: 'idempotency_key_mismatch' },
  },
];
