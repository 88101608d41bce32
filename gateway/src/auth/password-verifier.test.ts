import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashStationPassword, verifyStationPassword } from '@csms/infra';
import { createHashSlots } from './hash-slots.ts';
import { createPasswordVerifier } from './password-verifier.ts';

/** The real check, counted: the cache is what saves these calls. */
function counting() {
  const calls: string[] = [];
  const verify = async (password: string, hash: string) => {
    calls.push(hash);
    return verifyStationPassword(password, hash);
  };
  return { calls, verify };
}

// Cheap parameters: the cache logic, not scrypt's cost, is under test.
const cheap = { log2N: 4, r: 1, p: 1 };
const slots = () => createHashSlots({ concurrency: 2, maxQueued: 10 });

describe('password verifier', () => {
  it('hashes once per station and stored hash, then answers from memory', async () => {
    const current = await hashStationPassword('password-of-cp001', cheap);
    const { calls, verify } = counting();
    const sources: string[] = [];
    const verifier = createPasswordVerifier({ verify, slots: slots(), onCheck: (s) => sources.push(s) });
    const candidates = [{ which: 'current' as const, hash: current }];
    assert.equal(await verifier.check('CP001', 'password-of-cp001', candidates), 'current');
    assert.equal(await verifier.check('CP001', 'password-of-cp001', candidates), 'current');
    assert.equal(calls.length, 1);
    assert.deepEqual(sources, ['computed', 'remembered']);
  });

  it('never answers a wrong password from memory, and remembers no failure', async () => {
    const current = await hashStationPassword('password-of-cp001', cheap);
    const { calls, verify } = counting();
    const verifier = createPasswordVerifier({ verify, slots: slots() });
    const candidates = [{ which: 'current' as const, hash: current }];
    await verifier.check('CP001', 'password-of-cp001', candidates);
    assert.equal(await verifier.check('CP001', 'password-of-cp00X', candidates), 'mismatch');
    assert.equal(await verifier.check('CP001', 'password-of-cp00X', candidates), 'mismatch');
    assert.equal(calls.length, 3);
  });

  it('does not carry a verification over to another station or another stored hash', async () => {
    const hash = await hashStationPassword('shared-password-123', cheap);
    const rotated = await hashStationPassword('shared-password-123', cheap);
    const { calls, verify } = counting();
    const verifier = createPasswordVerifier({ verify, slots: slots() });
    await verifier.check('CP001', 'shared-password-123', [{ which: 'current', hash }]);
    await verifier.check('CP002', 'shared-password-123', [{ which: 'current', hash }]);
    await verifier.check('CP001', 'shared-password-123', [{ which: 'current', hash: rotated }]);
    assert.equal(calls.length, 3);
  });

  it('forgets a station when its credential changes', async () => {
    const hash = await hashStationPassword('password-of-cp001', cheap);
    const { calls, verify } = counting();
    const verifier = createPasswordVerifier({ verify, slots: slots() });
    const candidates = [{ which: 'current' as const, hash }];
    await verifier.check('CP001', 'password-of-cp001', candidates);
    await verifier.check('CP001', 'password-of-cp001', candidates);
    assert.equal(calls.length, 1, 'remembered');
    verifier.forget('CP001');
    await verifier.check('CP001', 'password-of-cp001', candidates);
    assert.equal(calls.length, 2);
  });

  it('tells which password matched, current before previous, and only offered candidates', async () => {
    const current = await hashStationPassword('the-new-password-1', cheap);
    const previous = await hashStationPassword('the-old-password-1', cheap);
    const verifier = createPasswordVerifier({ verify: verifyStationPassword, slots: slots() });
    const both = [{ which: 'current' as const, hash: current }, { which: 'previous' as const, hash: previous }];
    assert.equal(await verifier.check('CP001', 'the-old-password-1', both), 'previous');
    assert.equal(await verifier.check('CP001', 'the-new-password-1', both), 'current');
    // Remembered, but the previous hash is no longer offered once its grace is over.
    assert.equal(await verifier.check('CP001', 'the-old-password-1', both.slice(0, 1)), 'mismatch');
  });

  it('answers busy without hashing when every slot and the queue are taken, but still answers from memory', async () => {
    const hash = await hashStationPassword('password-of-cp001', cheap);
    const held: (() => void)[] = [];
    const verify = (password: string, stored: string) => new Promise<boolean>((resolve) => {
      held.push(() => void verifyStationPassword(password, stored).then(resolve));
    });
    const sources: string[] = [];
    const verifier = createPasswordVerifier({ verify, slots: createHashSlots({ concurrency: 1, maxQueued: 0 }), onCheck: (s) => sources.push(s) });
    const candidates = [{ which: 'current' as const, hash }];
    const first = verifier.check('CP001', 'password-of-cp001', candidates);
    assert.equal(await verifier.check('CP002', 'password-of-cp002', candidates), 'busy');
    await new Promise((r) => setImmediate(r));
    held[0]!();
    assert.equal(await first, 'current');
    const blocking = verifier.check('CP003', 'password-of-cp003', candidates);
    assert.equal(await verifier.check('CP001', 'password-of-cp001', candidates), 'current', 'no slot needed for what is remembered');
    assert.deepEqual(sources, ['computed', 'computed', 'remembered']);
    await new Promise((r) => setImmediate(r));
    held[1]!();
    assert.equal(await blocking, 'mismatch');
  });
});
