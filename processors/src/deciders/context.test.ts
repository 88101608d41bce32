import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTimestamp } from './context.ts';

describe('parseTimestamp', () => {
  it('reads RFC 3339 times with an offset', () => {
    assert.equal(parseTimestamp('2025-01-15T10:05:00Z'), Date.UTC(2025, 0, 15, 10, 5));
    assert.equal(parseTimestamp('2025-01-15T17:05:00+07:00'), Date.UTC(2025, 0, 15, 10, 5));
  });
  it('reads a time without an offset as UTC, whatever the machine time zone', () => {
    assert.equal(parseTimestamp('2025-01-15T10:05:00'), Date.UTC(2025, 0, 15, 10, 5));
  });
  it('gives null for an absent or unreadable time', () => {
    assert.equal(parseTimestamp(undefined), null);
    assert.equal(parseTimestamp('noon'), null);
  });
});
