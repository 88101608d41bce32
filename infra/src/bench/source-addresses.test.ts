import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SOURCE_ADDRESSES, defaultSourceAddresses, isLoopbackUrl, sourceAddressOf } from './source-addresses.ts';

describe('the stations\' source addresses', () => {
  it('takes as few addresses as keep each within the gateway\'s 1,000 sockets per address', () => {
    assert.deepEqual([1, 1000, 1001, 5000, 19_744].map(defaultSourceAddresses), [1, 1, 2, 5, 20]);
  });

  it('deals stations round the addresses, starting at 127.0.0.1', () => {
    assert.deepEqual([0, 1, 4, 5, 6].map((i) => sourceAddressOf(i, 5)), ['127.0.0.1', '127.0.0.2', '127.0.0.5', '127.0.0.1', '127.0.0.2']);
    assert.equal(sourceAddressOf(41, 1), '127.0.0.1');
  });

  it('gives 5,000 stations over 5 addresses 1,000 each', () => {
    const perAddress = new Map<string, number>();
    for (let i = 0; i < 5000; i += 1) perAddress.set(sourceAddressOf(i, 5), (perAddress.get(sourceAddressOf(i, 5)) ?? 0) + 1);
    assert.deepEqual([...perAddress.entries()].sort(), [1, 2, 3, 4, 5].map((n) => [`127.0.0.${n}`, 1000]));
  });

  it('goes into the third octet past 254 addresses, never using .0 or .255', () => {
    assert.equal(sourceAddressOf(253, 300), '127.0.0.254');
    assert.equal(sourceAddressOf(254, 300), '127.0.1.1');
    assert.equal(sourceAddressOf(299, 300), '127.0.1.46');
    assert.equal(sourceAddressOf(MAX_SOURCE_ADDRESSES - 1, MAX_SOURCE_ADDRESSES), '127.0.255.254');
    const all = new Set(Array.from({ length: MAX_SOURCE_ADDRESSES }, (_, i) => sourceAddressOf(i, MAX_SOURCE_ADDRESSES)));
    assert.equal(all.size, MAX_SOURCE_ADDRESSES);
    assert.ok([...all].every((a) => !/\.(0|255)$/.test(a)));
  });

  it('binds them only for a target on loopback', () => {
    for (const url of ['ws://127.0.0.1:4000/ocpp', 'ws://127.3.2.1/ocpp', 'wss://localhost:8443/ocpp']) assert.ok(isLoopbackUrl(url), url);
    for (const url of ['wss://csms.example/ocpp', 'ws://10.0.0.5:4000/ocpp', 'ws://[::1]:4000/ocpp', 'ws://127.example/ocpp']) assert.ok(!isLoopbackUrl(url), url);
  });
});
