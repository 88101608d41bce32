import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTransientError } from './transient.ts';

const withProps = (props: object) => Object.assign(new Error('x'), props);

test('broker, registry and database outages are transient', () => {
  assert.equal(isTransientError(withProps({ retriable: true, name: 'KafkaJSConnectionError' })), true);
  assert.equal(isTransientError(withProps({ code: 'ECONNREFUSED' })), true);
  assert.equal(isTransientError(withProps({ status: 503 })), true);
  assert.equal(isTransientError(withProps({ isAxiosError: true })), true);
  assert.equal(isTransientError(withProps({ code: '57P01' })), true, 'PostgreSQL admin shutdown');
  assert.equal(isTransientError(withProps({ code: '08006' })), true, 'PostgreSQL connection failure');
  assert.equal(isTransientError(withProps({ code: '40001' })), true, 'serialization failure');
  assert.equal(isTransientError(withProps({ code: '42P01' })), true, 'a table our SQL names is missing: a migration, not the row');
  assert.equal(isTransientError(withProps({ code: '42703' })), true, 'a column our SQL names is missing');
  assert.equal(isTransientError(withProps({ retriable: false, cause: withProps({ code: 'ETIMEDOUT' }) })), true, 'a wrapped cause');
});

test('a registry refusing the service\'s credentials is transient: it is no fault of the record', () => {
  assert.equal(isTransientError(withProps({ status: 401 })), true, 'wrong or missing credentials');
  assert.equal(isTransientError(withProps({ status: 403 })), true, 'credentials without the permission');
  assert.equal(isTransientError(withProps({ status: 407 })), true, 'a proxy asking for credentials');
  assert.equal(isTransientError(withProps({ status: 429 })), true);
});

test('what the record itself causes is not', () => {
  assert.equal(isTransientError(new TypeError('bug')), false);
  assert.equal(isTransientError(withProps({ retriable: false, type: 'MESSAGE_TOO_LARGE' })), false);
  assert.equal(isTransientError(withProps({ code: '22021' })), false, 'PostgreSQL invalid byte sequence (a NUL)');
  assert.equal(isTransientError(withProps({ code: '22003' })), false, 'PostgreSQL numeric value out of range');
  assert.equal(isTransientError(withProps({ status: 422 })), false);
  assert.equal(isTransientError(withProps({ isAxiosError: true, response: { status: 404 } })), false);
  assert.equal(isTransientError('a string'), false);
  assert.equal(isTransientError(null), false);
});
