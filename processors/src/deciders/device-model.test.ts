import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Ocpp201 } from '@csms/contracts';
import { deciderSpec } from './decider-spec.ts';
import { deviceModelDecider } from './device-model.ts';
import { AT, answerReceived, frame } from './fixtures.ts';

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

describe('device model decider, OCPP 2.0.1', () => {
  const none = {
    mutability: null, persistent: null, constant: null, dataType: null, unit: null, valuesList: null, minLimit: null, maxLimit: null,
  };
  const at = (component: string, variable: string) => ({
    component, componentInstance: null, evseId: null, connectorId: null, variable, variableInstance: null,
  });

  it('makes one VariablesReported of a NotifyReport part, one entry per attribute, and answers nothing the gateway answered (B07)', () => {
    const payload: Ocpp201.NotifyReportRequest = {
      requestId: 3, generatedAt: '2025-01-01T09:59:00Z', tbc: true, seqNo: 0,
      reportData: [
        {
          component: { name: 'EVSE', evse: { id: 1, connectorId: 2 } }, variable: { name: 'Power', instance: 'Max' },
          variableAttribute: [{ type: 'Actual', value: '22000', mutability: 'ReadOnly', persistent: true, constant: false }, { type: 'MaxSet', value: '11000' }],
          variableCharacteristics: { dataType: 'decimal', unit: 'W', minLimit: 0, maxLimit: 22000, supportsMonitoring: true },
        },
        { component: { name: 'OCPPCommCtrlr', instance: 'Main' }, variable: { name: 'HeartbeatInterval' }, variableAttribute: [{}] },
      ],
    };
    spec.given([]).when({ type: 'NotifyReport', frame: frame({ replyExpected: false }), payload }).then([{
      type: 'VariablesReported', ...base, source: 'NotifyReport', requestId: 3, seqNo: 0, tbc: true, variables: [
        {
          component: 'EVSE', componentInstance: null, evseId: 1, connectorId: 2, variable: 'Power', variableInstance: 'Max',
          attributeType: 'Actual', value: '22000', status: null, mutability: 'ReadOnly', persistent: true, constant: false,
          dataType: 'decimal', unit: 'W', valuesList: null, minLimit: 0, maxLimit: 22000,
        },
        {
          component: 'EVSE', componentInstance: null, evseId: 1, connectorId: 2, variable: 'Power', variableInstance: 'Max',
          attributeType: 'MaxSet', value: '11000', status: null, mutability: null, persistent: null, constant: null,
          dataType: 'decimal', unit: 'W', valuesList: null, minLimit: 0, maxLimit: 22000,
        },
        { ...at('OCPPCommCtrlr', 'HeartbeatInterval'), componentInstance: 'Main', attributeType: 'Actual', value: null, status: null, ...none },
      ],
    }]);
  });

  it('records the last part of a report, even an empty one, as the end of it', () => {
    spec.given([]).when({ type: 'NotifyReport', frame: frame(), payload: { requestId: 3, generatedAt: '2025-01-01T09:59:00Z', seqNo: 4 } }).then([
      { type: 'VariablesReported', ...base, source: 'NotifyReport', requestId: 3, seqNo: 4, tbc: false, variables: [] },
      { type: 'Replied', chargePointId: 'CP001', at: AT, node: 2, connectionId: 'c1', messageId: 'm1', body: { kind: 'CallResult', payload: {} } },
    ]);
  });

  it('reports what GetVariables got, each with its status and a value only where the station gave one (B06)', () => {
    const request = { getVariableData: [{ component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' } }, { component: { name: 'X' }, variable: { name: 'Y' } }] };
    const response = {
      getVariableResult: [
        { attributeStatus: 'Accepted', component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' }, attributeValue: '2025-01-01T10:00:00Z' },
        { attributeStatus: 'UnknownComponent', attributeType: 'Target', component: { name: 'X' }, variable: { name: 'Y' } },
      ],
    };
    spec.given([]).when(answerReceived('GetVariables', request, response, 'ocpp2.0.1')).then([{
      type: 'VariablesReported', ...base, source: 'GetVariables', requestId: null, seqNo: null, tbc: false, variables: [
        { ...at('ClockCtrlr', 'DateTime'), attributeType: 'Actual', value: '2025-01-01T10:00:00Z', status: 'Accepted', ...none },
        { ...at('X', 'Y'), attributeType: 'Target', value: null, status: 'UnknownComponent', ...none },
      ],
    }]);
  });

  it('reports what SetVariables set: the requested value where the station accepted it, now or after a reboot (B05)', () => {
    const data = (component: string, variable: string, attributeValue: string, evse?: { id: number }) => ({
      component: { name: component, ...(evse === undefined ? {} : { evse }) }, variable: { name: variable }, attributeValue,
    });
    const request = {
      setVariableData: [
        data('OCPPCommCtrlr', 'HeartbeatInterval', '300'), data('SecurityCtrlr', 'BasicAuthPassword', 'secret'),
        data('EVSE', 'Enabled', 'false', { id: 1 }), data('EVSE', 'Enabled', 'true', { id: 2 }),
      ],
    };
    // The station answers in its own order; each result goes with the request's entry of the same address.
    const response = {
      setVariableResult: [
        { attributeStatus: 'Accepted', component: { name: 'EVSE', evse: { id: 2 } }, variable: { name: 'Enabled' } },
        { attributeStatus: 'Rejected', component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } },
        { attributeStatus: 'RebootRequired', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
        { attributeStatus: 'Accepted', component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Enabled' } },
      ],
    };
    spec.given([]).when(answerReceived('SetVariables', request, response, 'ocpp2.0.1')).then([{
      type: 'VariablesReported', ...base, source: 'SetVariables', requestId: null, seqNo: null, tbc: false, variables: [
        { ...at('EVSE', 'Enabled'), evseId: 2, attributeType: 'Actual', value: 'true', status: 'Accepted', ...none },
        { ...at('SecurityCtrlr', 'BasicAuthPassword'), attributeType: 'Actual', value: null, status: 'Rejected', ...none },
        { ...at('OCPPCommCtrlr', 'HeartbeatInterval'), attributeType: 'Actual', value: '300', status: 'RebootRequired', ...none },
        { ...at('EVSE', 'Enabled'), evseId: 1, attributeType: 'Actual', value: 'false', status: 'Accepted', ...none },
      ],
    }]);
  });
});
