import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvelope } from '../../src/domain/contract/envelope.js';
import type { PushEnvelope } from '../../src/domain/import-request.js';
import { readFixture } from '../support/fixtures.js';

function envelopeOf(json: unknown): PushEnvelope {
  const result = parseEnvelope(json);
  if (!result.ok) assert.fail(`expected an envelope, got ${result.code}`);
  return result.envelope;
}

describe('parseEnvelope', () => {
  for (const [label, json] of [
    ['a list', [{ appointment: { dmsNumber: '1' } }]],
    ['a string', '{"appointment": {"dmsNumber": "1"}}'],
    ['null', null],
    ['a number', 184467],
  ] as const) {
    it(`when the body is ${label}, then it is refused as not_an_object`, () => {
      assert.deepEqual(parseEnvelope(json), {
        ok: false,
        code: 'not_an_object',
        message: 'The body must be a JSON object.',
        issues: [],
      });
    });
  }

  for (const [label, json] of [
    ['there is no appointment', { car: {} }],
    ['the appointment is a list', { appointment: [{ dmsNumber: '1' }] }],
    ['dmsNumber is missing', { appointment: { woNumber: 'WO-1' } }],
    ['dmsNumber is empty', { appointment: { dmsNumber: '' } }],
    ['dmsNumber is blank', { appointment: { dmsNumber: '   ' } }],
    ['dmsNumber is null', { appointment: { dmsNumber: null } }],
    ['dmsNumber is a boolean', { appointment: { dmsNumber: true } }],
    ['dmsNumber is an object', { appointment: { dmsNumber: { value: '1' } } }],
  ] as const) {
    it(`when ${label}, then it is refused as missing_dms_number, required at appointment.dmsNumber`, () => {
      const result = parseEnvelope(json);
      if (result.ok) assert.fail('expected a refusal');
      assert.equal(result.code, 'missing_dms_number');
      assert.match(result.message, /appointment\.dmsNumber/);
      assert.deepEqual(result.issues, [
        { path: 'appointment.dmsNumber', code: 'required', message: 'is required (text or number)' },
      ]);
    });
  }

  it('when dmsNumber is longer than 64 characters, then it is refused as missing_dms_number, too long', () => {
    const result = parseEnvelope({ appointment: { dmsNumber: '1'.repeat(65) } });
    if (result.ok) assert.fail('expected a refusal');
    assert.equal(result.code, 'missing_dms_number');
    assert.deepEqual(result.issues, [
      { path: 'appointment.dmsNumber', code: 'too_long', message: 'is longer than 64 characters' },
    ]);
  });

  it('when dmsNumber is exactly 64 characters, then it is accepted', () => {
    assert.equal(envelopeOf({ appointment: { dmsNumber: '1'.repeat(64) } }).dmsNumber, '1'.repeat(64));
  });

  it('when dmsNumber is a JSON number, then it is taken as text', () => {
    assert.equal(envelopeOf({ appointment: { dmsNumber: 184467 } }).dmsNumber, '184467');
  });

  it('when dmsNumber has spaces around it, then they are trimmed', () => {
    assert.equal(envelopeOf({ appointment: { dmsNumber: ' 184467 ' } }).dmsNumber, '184467');
  });

  it('when valid-full.json is read, then the envelope holds its keys and the normalised registration', () => {
    assert.deepEqual(envelopeOf(JSON.parse(readFixture('valid-full'))), {
      dmsNumber: '184467',
      messageId: '0b6f3c1e-5d2a-4a43-9a57-3f1f2b9c0001',
      woNumber: 'WO-24-01873',
      event: 'appointment.upsert',
      registration: 'GB-123-X',
    });
  });

  it('when cancel.json is read, then the envelope has no registration and its event is cancel', () => {
    assert.deepEqual(envelopeOf(JSON.parse(readFixture('cancel'))), {
      dmsNumber: '184467',
      messageId: '0b6f3c1e-5d2a-4a43-9a57-3f1f2b9c0003',
      woNumber: 'WO-24-01873',
      event: 'appointment.cancel',
      registration: null,
    });
  });

  it('when invalid-fields.json is read, then it is still recorded: full validation happens later', () => {
    assert.equal(envelopeOf(JSON.parse(readFixture('invalid-fields'))).dmsNumber, '184480');
  });

  it('when the registration is valid in any spelling, then it is normalised', () => {
    assert.equal(
      envelopeOf({ appointment: { dmsNumber: '1' }, car: { registrationNumber: 'k 123 bb' } }).registration,
      'K-123-BB',
    );
  });

  for (const registrationNumber of ['ZZZZZZZ', 'onbekend', '', 12, null]) {
    it(`when the registration is ${JSON.stringify(registrationNumber)}, then the envelope registration is null`, () => {
      assert.equal(envelopeOf({ appointment: { dmsNumber: '1' }, car: { registrationNumber } }).registration, null);
    });
  }

  it('when the car is not an object, then the registration is null', () => {
    assert.equal(envelopeOf({ appointment: { dmsNumber: '1' }, car: 'GB-123-X' }).registration, null);
  });

  it('when messageId, woNumber and event are missing or empty, then they are null', () => {
    assert.deepEqual(envelopeOf({ messageId: '', event: null, appointment: { dmsNumber: '1', woNumber: ' ' } }), {
      dmsNumber: '1',
      messageId: null,
      woNumber: null,
      event: null,
      registration: null,
    });
  });

  it('when messageId, woNumber and event are very long, then they are cut to 200, 64 and 64 characters', () => {
    const envelope = envelopeOf({
      messageId: 'm'.repeat(500),
      event: 'e'.repeat(500),
      appointment: { dmsNumber: '1', woNumber: 'w'.repeat(500) },
    });
    assert.equal(envelope.messageId, 'm'.repeat(200));
    assert.equal(envelope.woNumber, 'w'.repeat(64));
    assert.equal(envelope.event, 'e'.repeat(64));
  });

  it('when messageId and woNumber are numbers, then they are taken as text', () => {
    const envelope = envelopeOf({ messageId: 77, appointment: { dmsNumber: '1', woNumber: 2401873 } });
    assert.equal(envelope.messageId, '77');
    assert.equal(envelope.woNumber, '2401873');
  });
});
