import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createIpLimiter, type IpAdmission } from './ip-limiter.ts';

function fakeClock() {
  let now = 0;
  return { clock: () => now, advance: (ms: number) => { now += ms; } };
}

function released(admission: IpAdmission): () => void {
  assert.equal(admission.ok, true);
  return admission.ok ? admission.release : () => undefined;
}

describe('per-address limits', () => {
  it('counts IPv4-mapped IPv6 as its IPv4, and IPv6 by its /64', () => {
    const { clock } = fakeClock();
    const limiter = createIpLimiter({ maxConnections: 1, connectsPerSecond: 100, connectBurst: 100 }, clock);
    released(limiter.admit('203.0.113.7'));
    assert.equal(limiter.admit('::ffff:203.0.113.7').ok, false);
    released(limiter.admit('2001:db8:1:2:aaaa::1'));
    assert.equal(limiter.admit('2001:db8:1:2:bbbb:cccc:dddd:eeee').ok, false, 'the same /64');
    assert.equal(limiter.admit('2001:db8:1:3::1').ok, true, 'another /64');
  });

  it('refuses past the open connections of an address until one closes', () => {
    const { clock } = fakeClock();
    const limiter = createIpLimiter({ maxConnections: 2, connectsPerSecond: 100, connectBurst: 100 }, clock);
    const first = released(limiter.admit('10.0.0.1'));
    released(limiter.admit('10.0.0.1'));
    const third = limiter.admit('10.0.0.1');
    assert.deepEqual(third.ok ? 'ok' : [third.reason, third.retryAfterSeconds], ['too-many-connections', 5]);
    assert.equal(limiter.admit('10.0.0.2').ok, true, 'another address is not affected');
    first();
    first(); // a second release changes nothing
    assert.equal(limiter.admit('10.0.0.1').ok, true);
    assert.equal(limiter.admit('10.0.0.1').ok, false);
  });

  it('refuses new connections past the rate, saying when to retry', () => {
    const { clock, advance } = fakeClock();
    const limiter = createIpLimiter({ maxConnections: 1000, connectsPerSecond: 2, connectBurst: 3 }, clock);
    for (let i = 0; i < 3; i += 1) released(limiter.admit('10.0.0.1'))();
    const refused = limiter.admit('10.0.0.1');
    assert.deepEqual(refused.ok ? 'ok' : [refused.reason, refused.retryAfterSeconds], ['too-many-new-connections', 1]);
    advance(500);
    assert.equal(limiter.admit('10.0.0.1').ok, true);
  });

  it('forgets idle addresses but never one with a connection open', () => {
    const { clock, advance } = fakeClock();
    const limiter = createIpLimiter({ maxConnections: 1, connectsPerSecond: 10, connectBurst: 10 }, clock);
    for (let i = 0; i < 100; i += 1) released(limiter.admit(`10.0.1.${i}`))();
    const held = released(limiter.admit('10.0.2.1'));
    advance(10_000);
    // This admission sweeps the idle entries: the address holding a connection is still counted.
    assert.equal(limiter.admit('10.0.2.1').ok, false);
    assert.equal(limiter.admit('10.0.1.1').ok, true);
    held();
    assert.equal(limiter.admit('10.0.2.1').ok, true);
  });
});
