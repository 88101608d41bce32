import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpec } from './decider-spec.ts';
import { deviceModelDecider } from './device-model.ts';
import { AT, answerReceived } from './fixtures.ts';

const spec = deciderSpec(deviceModelDecider);
const base = { chargePointId: 'CP001', at: AT };

describe('device model decider', () => {
  it('reports the configuration, complete only when no key was asked for', () => {
    const response = { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '60' }, { key: 'Id', readonly: true }], unknownKey: ['X'] };
    spec.given([]).when(answerReceived('GetConfiguration', {}, response)).then([{
      type: 'ConfigurationReported', ...base, unknownKeys: ['X'], complete: true, keys: [
        { key: 'HeartbeatInterval', value: '60', readonly: false }, { key: 'Id', value: null, readonly: true },
      ],
    }]);
    spec.given([]).when(answerReceived('GetConfiguration', { key: ['HeartbeatInterval'] }, {})).thenState((_state, asked) => {
      assert.equal(asked[0]?.type === 'ConfigurationReported' && asked[0].complete, false);
    });
  });

  it('records a configuration change whatever the station answered', () => {
    spec.given([]).when(answerReceived('ChangeConfiguration', { key: 'K', value: 'v' }, { status: 'NotSupported' })).then([
      { type: 'ConfigurationChanged', ...base, key: 'K', value: 'v', status: 'NotSupported' },
    ]);
  });
});
