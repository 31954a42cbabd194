import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { businessHoursBetween } from '../../src/domain/business-hours.js';

const at = (iso: string) => new Date(iso);

describe('businessHoursBetween (Mon-Fri 08:00-18:00 Amsterdam)', () => {
  it('when both instants are inside one business day, then the hours between them count', () => {
    // Friday 27 November 2026, 09:00 to 13:30 Amsterdam (UTC+1).
    assert.equal(businessHoursBetween(at('2026-11-27T08:00:00Z'), at('2026-11-27T12:30:00Z')), 4.5);
  });

  it('when the span covers a night, then only business hours count', () => {
    // Thursday 17:00 to Friday 09:00 Amsterdam: 1 hour on Thursday, 1 hour on Friday.
    assert.equal(businessHoursBetween(at('2026-11-26T16:00:00Z'), at('2026-11-27T08:00:00Z')), 2);
  });

  it('when the span covers a weekend, then Saturday and Sunday count nothing', () => {
    // Friday 17:00 to Monday 09:00 Amsterdam.
    assert.equal(businessHoursBetween(at('2026-11-27T16:00:00Z'), at('2026-11-30T08:00:00Z')), 2);
  });

  it('when a whole week passes, then 50 business hours count', () => {
    assert.equal(businessHoursBetween(at('2026-11-30T00:00:00Z'), at('2026-12-07T00:00:00Z')), 50);
  });

  it('when the end is not after the start, then zero', () => {
    assert.equal(businessHoursBetween(at('2026-11-27T12:00:00Z'), at('2026-11-27T10:00:00Z')), 0);
  });

  it('when a business day is in summer time, then the Amsterdam hours are used (UTC+2)', () => {
    // Wednesday 1 July 2026, 06:00Z to 16:00Z is 08:00 to 18:00 Amsterdam.
    assert.equal(businessHoursBetween(at('2026-07-01T05:00:00Z'), at('2026-07-01T17:00:00Z')), 10);
  });
});
