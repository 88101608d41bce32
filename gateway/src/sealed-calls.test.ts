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

describe('sealed values in OCPP 2.0.1 SetVariables (A01, SecurityCtrlr.BasicAuthPassword)', () => {
  const FOR_CP001_201 = { chargePointId: 'CP001', key: 'SecurityCtrlr.BasicAuthPassword' };
  const entry = (attributeValue: string, extra: object = {}) => ({
    component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue, ...extra,
  });
  const setVariables = (...setVariableData: object[]) => call('SetVariables', { setVariableData });

  it('opens the sealed BasicAuthPassword value as the call goes out to its station', () => {
    const sealed = sealer.seal('the-new-password-16', FOR_CP001_201);
    const heartbeat = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '300' };
    const result = revealSealedValues(sealer)('CP001')(setVariables(heartbeat, entry(sealed, { attributeType: 'Actual' })));
    assert.deepEqual(result.ok && JSON.parse(result.raw), [2, 'm1', 'SetVariables', {
      setVariableData: [heartbeat, { ...entry('the-new-password-16'), attributeType: 'Actual' }],
    }]);
    const lower = revealSealedValues(sealer)('CP001')(call('SetVariables', {
      setVariableData: [{ component: { name: 'securityctrlr' }, variable: { name: 'BASICAUTHPASSWORD' }, attributeValue: sealed }],
    }));
    assert.equal(lower.ok && JSON.parse(lower.raw)[3].setVariableData[0].attributeValue, 'the-new-password-16',
      'component and variable names are case-insensitive (CiString50Type)');
  });

  it('sends a SetVariables without a sealed value exactly as it came', () => {
    const c = setVariables(entry('plain-text-password'));
    assert.deepEqual(revealSealedValues(sealer)('CP001')(c), { ok: true, raw: c.raw });
  });

  it('never opens a value sealed for another station, or for the 1.6 AuthorizationKey', () => {
    const reveal = revealSealedValues(sealer)('CP001');
    assert.deepEqual(reveal(setVariables(entry(sealer.seal('cp002-password-0001', { ...FOR_CP001_201, chargePointId: 'CP002' })))), unavailable);
    assert.deepEqual(reveal(setVariables(entry(sealer.seal('the-new-password-16', FOR_CP001)))), unavailable);
    assert.deepEqual(reveal(call('ChangeConfiguration', { key: 'AuthorizationKey', value: sealer.seal('the-new-password-16', FOR_CP001_201) })),
      unavailable, 'nor the 2.0.1 seal as a 1.6 AuthorizationKey');
  });

  it('sends no sealed value anywhere but as the BasicAuthPassword Actual value', () => {
    const reveal = revealSealedValues(sealer)('CP001');
    const sealed = sealer.seal('the-new-password-16', FOR_CP001_201);
    for (const c of [
      setVariables({ component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, attributeValue: sealed }),
      setVariables({ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: sealed }),
      setVariables(entry(sealed, { attributeType: 'Target' })),
      setVariables({ ...entry(sealed), component: { name: 'SecurityCtrlr', instance: 'x' } }),
      setVariables({ ...entry(sealed), component: { name: 'SecurityCtrlr', evse: { id: 1 } } }),
      setVariables({ ...entry(sealed), variable: { name: 'BasicAuthPassword', instance: 'x' } }),
      setVariables(entry(sealed), entry(sealed)),
      setVariables(entry(sealed, { customData: { vendorId: sealed } })),
      call('SetVariables', { setVariableData: [entry(sealed)], customData: { vendorId: 'v', note: sealed } }),
      call('SetNetworkProfile', { configurationSlot: 1, connectionData: { ocppCsmsUrl: sealed } }),
    ]) assert.deepEqual(reveal(c), unavailable, c.raw.slice(0, 80));
  });
});
