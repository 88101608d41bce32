import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientAddressKey, UNKNOWN_ADDRESS } from './client-address.ts';

describe('client address key', () => {
  it('keeps IPv4 addresses apart, maps IPv4-in-IPv6 to IPv4, and groups IPv6 by /64', () => {
    assert.equal(clientAddressKey('203.0.113.7'), '203.0.113.7');
    assert.notEqual(clientAddressKey('127.0.0.2'), clientAddressKey('127.0.0.1'));
    assert.equal(clientAddressKey('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(clientAddressKey('2001:db8:1:2:aaaa::1'), clientAddressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    assert.notEqual(clientAddressKey('2001:db8:1:2::1'), clientAddressKey('2001:db8:1:3::1'));
  });

  it('puts what is not an address under one key', () => {
    assert.equal(clientAddressKey(null), UNKNOWN_ADDRESS);
    assert.equal(clientAddressKey(undefined), UNKNOWN_ADDRESS);
    assert.equal(clientAddressKey('not an address'), UNKNOWN_ADDRESS);
  });
});
