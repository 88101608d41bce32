import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStationTime } from './station-time.ts';

describe('parseStationTime', () => {
  it('reads RFC 3339 times with an offset', () => {
    assert.equal(parseStationTime('2025-01-15T10:05:00Z'), Date.UTC(2025, 0, 15, 10, 5));
    assert.equal(parseStationTime('2025-01-15T17:05:00.000+07:00'), Date.UTC(2025, 0, 15, 10, 5));
  });
  it('reads a time without an offset as UTC, whatever the machine time zone', () => {
    assert.equal(parseStationTime('2025-01-15T10:05:00'), Date.UTC(2025, 0, 15, 10, 5));
  });
  it('refuses what is not a date-time', () => {
    for (const text of ['noon', '2025-01-15', '2025-13-45T10:05:00', '']) assert.equal(parseStationTime(text), null, text);
  });
});
