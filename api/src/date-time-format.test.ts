import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRepresentableDateTime } from './date-time-format.ts';

test('a date-time must be one Date represents, from 1970 up to 2100', () => {
  for (const text of ['2025-01-15T10:00:00Z', '1970-01-01T00:00:00Z', '2099-12-31T23:59:59.999Z', '2025-01-15T10:00:00+02:00']) {
    assert.equal(isRepresentableDateTime(text), true, text);
  }
  for (const text of [
    '2016-12-31T23:59:60Z', '1969-12-31T23:59:59Z', '2100-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z',
    '1970-01-01T00:30:00+01:00', 'tomorrow',
  ]) assert.equal(isRepresentableDateTime(text), false, text);
});
