import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLockout } from './lockout.ts';

const options = { perIdentity: 5, perAddress: 50, windowMs: 60_000, lockoutMs: 60_000, maxTracked: 1000 };
const nat = (chargePointId: string) => ({ address: '198.51.100.7', chargePointId });

describe('lockout', () => {
  it('locks out one identity from an address, not the other stations behind the same address', () => {
    const lockout = createLockout(options);
    for (let i = 0; i < 5; i += 1) lockout.recordFailure(nat('CP-WRONG'), i);
    assert.equal(lockout.lockedFor(nat('CP-WRONG'), 10), 59_994);
    assert.equal(lockout.lockedFor(nat('CP-OTHER'), 10), 0, 'a station behind the same NAT still connects');
    assert.equal(lockout.lockedFor({ address: '203.0.113.1', chargePointId: 'CP-WRONG' }, 10), 0, 'and the identity from elsewhere');
  });

  it('locks the whole address out past its own bound, so guessing across identities stops too', () => {
    const lockout = createLockout(options);
    for (let i = 0; i < 50; i += 1) lockout.recordFailure(nat(`CP-${i}`), i);
    assert.ok(lockout.lockedFor(nat('CP-NEVER-TRIED'), 100) > 0);
    assert.equal(lockout.lockedFor({ address: '203.0.113.1', chargePointId: 'CP-NEVER-TRIED' }, 100), 0);
  });

  it('counts checks in flight on both: concurrent guesses across identities stop at the address bound', () => {
    const lockout = createLockout(options);
    const checks = Array.from({ length: 200 }, (_, i) => lockout.beginCheck(nat(`CP-${i}`), 0));
    assert.equal(checks.filter((c) => c !== null).length, 50);
    const same = Array.from({ length: 20 }, () => lockout.beginCheck({ address: '203.0.113.1', chargePointId: 'CP-X' }, 0));
    assert.equal(same.filter((c) => c !== null).length, 5, 'one identity from one address: five at once');
  });

  it('gives the identity its place back when the address refuses a check', () => {
    const lockout = createLockout({ ...options, perAddress: 5 });
    const held = Array.from({ length: 5 }, (_, i) => lockout.beginCheck(nat(`CP-${i}`), 0));
    assert.equal(lockout.beginCheck(nat('CP-LATE'), 0), null, 'the address is at its bound');
    for (const check of held) check?.end(1, false);
    const late = Array.from({ length: 5 }, () => lockout.beginCheck(nat('CP-LATE'), 2));
    assert.equal(late.filter((c) => c !== null).length, 5, 'the refused attempt left nothing pending on CP-LATE');
  });
});
