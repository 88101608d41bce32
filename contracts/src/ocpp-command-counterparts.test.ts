import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandCounterpart } from './ocpp-command-counterparts.ts';
import { csmsCallRow } from './ocpp-tables.ts';

test('a command of one version points to the command of the other that does its work', () => {
  assert.equal(commandCounterpart('RemoteStartTransaction', 'ocpp2.0.1'), 'RequestStartTransaction');
  assert.equal(commandCounterpart('GetConfiguration', 'ocpp2.0.1'), 'GetVariables');
  assert.equal(commandCounterpart('RequestStopTransaction', 'ocpp1.6'), 'RemoteStopTransaction');
  assert.equal(commandCounterpart('GetBaseReport', 'ocpp1.6'), 'GetConfiguration');
  assert.equal(commandCounterpart('SetChargingProfile', 'ocpp2.0.1'), undefined, 'no counterpart in the 2.0.1 blocks the CSMS speaks');
});

test('a counterpart is a command only the other version has', () => {
  for (const [action, version, other] of [
    ['RemoteStartTransaction', 'ocpp2.0.1', 'ocpp1.6'], ['RemoteStopTransaction', 'ocpp2.0.1', 'ocpp1.6'],
    ['ChangeConfiguration', 'ocpp2.0.1', 'ocpp1.6'], ['GetConfiguration', 'ocpp2.0.1', 'ocpp1.6'],
    ['ExtendedTriggerMessage', 'ocpp2.0.1', 'ocpp1.6'], ['RequestStartTransaction', 'ocpp1.6', 'ocpp2.0.1'],
    ['SetVariables', 'ocpp1.6', 'ocpp2.0.1'], ['GetReport', 'ocpp1.6', 'ocpp2.0.1'],
  ] as const) {
    assert.equal(csmsCallRow(version, action), undefined, `${version} has no ${action}`);
    assert.ok(csmsCallRow(other, action), `${other} has ${action}`);
    assert.ok(csmsCallRow(version, commandCounterpart(action, version)!), `${version} has the counterpart of ${action}`);
  }
});
