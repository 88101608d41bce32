import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createSecretSealer } from '@csms/infra';
import type { CsmsCall } from './call-queue.ts';
import { revealSealedValues } from './sealed-calls.ts';

const sealer = createSecretSealer(randomBytes(32));
const call = (action: string, payload: object): CsmsCall => ({
  messageId: 'm1', action, raw: JSON.stringify([2, 'm1', action, payload]), deadline: null,
});

describe('sealed values in CSMS calls', () => {
  it('opens a sealed ChangeConfiguration value as the call goes out', () => {
    const sealed = sealer.seal('the-new-password-16');
    const result = revealSealedValues(sealer)(call('ChangeConfiguration', { key: 'AuthorizationKey', value: sealed }));
    assert.deepEqual(result, { ok: true, raw: '[2,"m1","ChangeConfiguration",{"key":"AuthorizationKey","value":"the-new-password-16"}]' });
  });

  it('sends every other frame exactly as it came', () => {
    const reveal = revealSealedValues(sealer);
    for (const c of [
      call('ChangeConfiguration', { key: 'HeartbeatInterval', value: '120' }),
      call('DataTransfer', { vendorId: 'x', data: sealer.seal('not opened here') }),
    ]) assert.deepEqual(reveal(c), { ok: true, raw: c.raw });
  });

  it('makes the call undelivered, never sending the sealed text, when it cannot open it', () => {
    const sealed = sealer.seal('the-new-password-16');
    const other = createSecretSealer(randomBytes(32));
    const tampered = `${sealed.slice(0, -2)}AA`;
    const byReveal = [revealSealedValues(null), revealSealedValues(other)];
    for (const reveal of byReveal) {
      assert.deepEqual(reveal(call('ChangeConfiguration', { key: 'AuthorizationKey', value: sealed })), { ok: false, reason: 'SecretUnavailable' });
    }
    assert.deepEqual(revealSealedValues(sealer)(call('ChangeConfiguration', { key: 'AuthorizationKey', value: tampered })),
      { ok: false, reason: 'SecretUnavailable' });
    assert.deepEqual(revealSealedValues(sealer)(call('ChangeConfiguration', { key: 'AuthorizationKey', value: 'sealed:v1:' })),
      { ok: false, reason: 'SecretUnavailable' });
  });
});
