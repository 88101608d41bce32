import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFailureLimiter } from './failure-limiter.ts';

const options = { maxFailures: 5, windowMs: 60_000, lockoutMs: 60_000, maxTracked: 100 };

describe('failure limiter', () => {
  it('locks a key out at its 5th failure within a minute, and only that key', () => {
    const limiter = createFailureLimiter(options);
    for (let i = 0; i < 4; i += 1) limiter.recordFailure('10.0.0.1', 1_000 + i);
    assert.equal(limiter.lockedFor('10.0.0.1', 1_010), 0, 'four failures: the fifth attempt is still checked');
    limiter.recordFailure('10.0.0.1', 1_010);
    assert.equal(limiter.lockedFor('10.0.0.1', 1_011), 59_999, 'the sixth attempt waits out the cool-down');
    assert.equal(limiter.lockedFor('10.0.0.2', 1_011), 0);
    assert.equal(limiter.lockedFor('10.0.0.1', 61_010), 0, 'and may try again after it');
  });

  it('forgets failures older than the window', () => {
    const limiter = createFailureLimiter(options);
    for (let i = 0; i < 4; i += 1) limiter.recordFailure('a', i * 1_000);
    limiter.recordFailure('a', 60_500); // the first one (at 0) is out of the window now
    assert.equal(limiter.lockedFor('a', 60_501), 0);
    limiter.recordFailure('a', 60_600);
    assert.ok(limiter.lockedFor('a', 60_601) > 0);
  });

  it('counts checks in flight against the bound: at most 5 pending or failed, however many arrive together', () => {
    const limiter = createFailureLimiter(options);
    const checks = Array.from({ length: 100 }, () => limiter.begin('a', 0));
    assert.equal(checks.filter((c) => c !== null).length, 5, 'the other 95 never reach a password check');
    for (const check of checks) check?.end(10, true);
    assert.equal(limiter.lockedFor('a', 11), 59_999, 'the five failures lock it out');
    assert.equal(limiter.begin('a', 11), null);
  });

  it('gives a check that succeeded its place back, counting nothing', () => {
    const limiter = createFailureLimiter(options);
    for (let i = 0; i < 4; i += 1) limiter.recordFailure('a', i);
    const check = limiter.begin('a', 10);
    assert.ok(check !== null);
    assert.equal(limiter.begin('a', 10), null, 'four failed and one pending');
    check.end(20, false);
    check.end(20, false); // ending twice changes nothing
    assert.equal(limiter.lockedFor('a', 21), 0);
    assert.notEqual(limiter.begin('a', 21), null);
  });

  it('stays bounded, dropping the oldest key first', () => {
    const limiter = createFailureLimiter({ ...options, maxFailures: 1, maxTracked: 3 });
    for (const key of ['a', 'b', 'c']) limiter.recordFailure(key, 0);
    assert.ok(limiter.lockedFor('a', 1) > 0);
    limiter.recordFailure('d', 0);
    assert.equal(limiter.lockedFor('a', 1), 0, 'a made room for d');
    assert.ok(limiter.lockedFor('b', 1) > 0 && limiter.lockedFor('d', 1) > 0);
  });
});
