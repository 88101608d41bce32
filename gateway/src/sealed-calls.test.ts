import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createSecretSealer } from '@csms/infra';
import type { CsmsCall } from './call-queue.ts';
import { revealSealedValues } from './sealed-calls.ts';

const sealer = createSecretSealer(randomBytes(32));
const FOR_CP001 = { chargePointId: 'CP001', key: 'AuthorizationKey' };
const call = (action: string, payload: object): CsmsCall => ({
  messageId: 'm1', action, raw: JSON.stringify([2, 'm1', action, payload]), deadline: null,
});
const unavailable = { ok: false, reason: 'SecretUnavailable' } as const;

describe('sealed values in CSMS calls', () => {
  it('opens a sealed ChangeConfiguration(AuthorizationKey) value as the call goes out to its station', () => {
    const sealed = sealer.seal('the-new-password-16', FOR_CP001);
    const result = revealSealedValues(sealer)('CP001')(call('ChangeConfiguration', { key: 'AuthorizationKey', value: sealed }));
    assert.deepEqual(result, { ok: true, raw: '[2,"m1","ChangeConfiguration",{"key":"AuthorizationKey","value":"the-new-password-16"}]' });
    const lower = revealSealedValues(sealer)('CP001')(call('ChangeConfiguration', { key: 'authorizationKEY', value: sealed }));
    assert.deepEqual(lower, { ok: true, raw: '[2,"m1","ChangeConfiguration",{"key":"authorizationKEY","value":"the-new-password-16"}]' },
      'configuration keys are case-insensitive (CiString50Type)');
  });

  it('sends every frame without a sealed value exactly as it came', () => {
    const reveal = revealSealedValues(sealer)('CP001');
    for (const c of [
      call('ChangeConfiguration', { key: 'HeartbeatInterval', value: '120' }),
      call('DataTransfer', { vendorId: 'x', data: 'sealed but not sealed:v1:' }),
      call('ClearCache', {}),
    ]) assert.deepEqual(reveal(c), { ok: true, raw: c.raw });
  });

  it('never opens a value sealed for another station', () => {
    const forCp002 = sealer.seal('cp002-password-0001', { chargePointId: 'CP002', key: 'AuthorizationKey' });
    assert.deepEqual(revealSealedValues(sealer)('CP001')(call('ChangeConfiguration', { key: 'AuthorizationKey', value: forCp002 })), unavailable);
  });

  it('sends no sealed value anywhere but as the AuthorizationKey value, even one sealed for that station', () => {
    const reveal = revealSealedValues(sealer)('CP001');
    const sealed = sealer.seal('the-new-password-16', FOR_CP001);
    const underOtherKey = sealer.seal('the-new-password-16', { chargePointId: 'CP001', key: 'ChargingScheduleAllowedChargingRateUnit' });
    for (const c of [
      call('ChangeConfiguration', { key: 'ChargingScheduleAllowedChargingRateUnit', value: underOtherKey }),
      call('ChangeConfiguration', { key: 'ChargingScheduleAllowedChargingRateUnit', value: sealed }),
      call('DataTransfer', { vendorId: 'x', data: sealed }),
      call('DataTransfer', { vendorId: 'x', data: { nested: [sealed] } }),
      call('SendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: [{ idTag: sealed }] }),
      call('ChangeConfiguration', { key: 'AuthorizationKey', value: sealed, [sealed]: 'x' }),
    ]) assert.deepEqual(reveal(c), unavailable, c.raw.slice(0, 60));
  });

  it('makes the call undelivered, never sending the sealed text, when it cannot open it', () => {
    const sealed = sealer.seal('the-new-password-16', FOR_CP001);
    const other = createSecretSealer(randomBytes(32));
    const tampered = `${sealed.slice(0, -2)}AA`;
    for (const reveal of [revealSealedValues(null)('CP001'), revealSealedValues(other)('CP001')]) {
      assert.deepEqual(reveal(call('ChangeConfiguration', { key: 'AuthorizationKey', value: sealed })), unavailable);
    }
    const reveal = revealSealedValues(sealer)('CP001');
    assert.deepEqual(reveal(call('ChangeConfiguration', { key: 'AuthorizationKey', value: tampered })), unavailable);
    assert.deepEqual(reveal(call('ChangeConfiguration', { key: 'AuthorizationKey', value: 'sealed:v1:' })), unavailable);
  });
});
