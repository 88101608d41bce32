import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCommandValidator } from './command-validator.ts';
import { networkProfileProblem, prioritized, upgradeCalls } from './security-profile-calls.ts';

const network = { configurationSlot: 3, ocppCsmsUrl: 'wss://csms.example.com/ocpp', ocppInterface: 'Wireless0', messageTimeout: 45 };

test('the new slot goes first and the slots the station had stay behind it, once each', () => {
  assert.equal(prioritized(3, null), '3');
  assert.equal(prioritized(3, '1,2'), '3,1,2');
  assert.equal(prioritized(3, ' 1 , 3,2,'), '3,1,2');
});

test('profile 1 connects over ws://, 2 and 3 over wss://', () => {
  assert.equal(networkProfileProblem(2, network), null);
  assert.equal(networkProfileProblem(3, network), null);
  assert.match(networkProfileProblem(1, network) ?? '', /security profile 1 connects over ws:\/\//);
  assert.match(networkProfileProblem(2, { ...network, ocppCsmsUrl: 'not a url' }) ?? '', /must be a URL/);
});

test('every upgrade call is a valid request of its version', () => {
  const validator = createCommandValidator();
  const v16 = upgradeCalls('ocpp1.6', 2, undefined, null);
  assert.deepEqual(v16.map((c) => c.action), ['ChangeConfiguration']);
  const v201 = upgradeCalls('ocpp2.0.1', 3, network, '1');
  assert.deepEqual(v201.map((c) => c.action), ['SetNetworkProfile', 'SetVariables', 'Reset']);
  for (const [version, calls] of [['ocpp1.6', v16], ['ocpp2.0.1', v201]] as const) {
    for (const call of calls) assert.deepEqual(validator.validate(call.action, call.payload, version), { ok: true }, call.action);
  }
  assert.throws(() => upgradeCalls('ocpp2.0.1', 2, undefined, null), /needs a network profile/);
});
