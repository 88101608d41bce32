import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDeviceModel } from './default-device-model.ts';
import { fitsCharacteristics, getVariable, setVariable } from './device-model-access.ts';
import { assertValid201 } from './test-station.ts';

const model = () => defaultDeviceModel('CS-1', [{ id: 1, connectors: 2 }]);
const heartbeat = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };

describe('device model: GetVariables', () => {
  it('reads the Actual value by default, and says why it cannot read the others', () => {
    const m = model();
    const results = [
      getVariable(m, heartbeat),
      getVariable(m, { component: { name: 'NoSuchCtrlr' }, variable: { name: 'HeartbeatInterval' } }),
      getVariable(m, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NoSuchVariable' } }),
      getVariable(m, { ...heartbeat, attributeType: 'Target' }),
      getVariable(m, { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }),
      getVariable(m, { component: { name: 'Connector', evse: { id: 1, connectorId: 2 } }, variable: { name: 'ConnectorType' } }),
      getVariable(m, { component: { name: 'Connector', evse: { id: 1, connectorId: 3 } }, variable: { name: 'ConnectorType' } }),
    ];
    assert.deepEqual(results.map((r) => [r.attributeStatus, r.attributeValue]), [
      ['Accepted', '60'], ['UnknownComponent', undefined], ['UnknownVariable', undefined], ['NotSupportedAttributeType', undefined],
      ['Rejected', undefined], ['Accepted', 'cType2'], ['UnknownComponent', undefined],
    ]);
    assertValid201('GetVariables', 'conf', { getVariableResult: results });
  });

  it('tells instances apart', () => {
    const m = model();
    const timeout = (instance?: string) => getVariable(m, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'MessageTimeout', ...(instance ? { instance } : {}) } });
    assert.equal(timeout('Default').attributeValue, '30');
    assert.equal(timeout().attributeStatus, 'UnknownVariable');
  });
});

describe('device model: SetVariables', () => {
  it('sets what may be set and reads it back', () => {
    const m = model();
    const result = setVariable(m, { ...heartbeat, attributeValue: '120' });
    assert.equal(result.attributeStatus, 'Accepted');
    assertValid201('SetVariables', 'conf', { setVariableResult: [result] });
    assert.equal(getVariable(m, heartbeat).attributeValue, '120');
  });

  it('rejects a ReadOnly variable and a value its characteristics forbid, leaving the value as it was', () => {
    const m = model();
    const statuses = [
      setVariable(m, { component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, attributeValue: 'OTHER' }),
      setVariable(m, { ...heartbeat, attributeValue: 'often' }),
      setVariable(m, { ...heartbeat, attributeValue: '0' }),
      setVariable(m, { ...heartbeat, attributeType: 'MaxSet', attributeValue: '10' }),
      setVariable(m, { component: { name: 'Nope' }, variable: { name: 'X' }, attributeValue: '1' }),
    ].map((r) => r.attributeStatus);
    assert.deepEqual(statuses, ['Rejected', 'Rejected', 'Rejected', 'NotSupportedAttributeType', 'UnknownComponent']);
    assert.equal(getVariable(m, heartbeat).attributeValue, '60');
  });

  it('takes a WriteOnly password without ever reading it back', () => {
    const m = model();
    const password = { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } };
    assert.equal(setVariable(m, { ...password, attributeValue: 'a-new-password-of-16+' }).attributeStatus, 'Accepted');
    assert.equal(getVariable(m, password).attributeStatus, 'Rejected');
  });
});

describe('a value against its characteristics', () => {
  const cases: Array<[Parameters<typeof fitsCharacteristics>[0]['characteristics'], string, boolean]> = [
    [{ dataType: 'integer', supportsMonitoring: false, minLimit: 1, maxLimit: 10 }, '10', true],
    [{ dataType: 'integer', supportsMonitoring: false, minLimit: 1, maxLimit: 10 }, '11', false],
    [{ dataType: 'integer', supportsMonitoring: false }, '1.5', false],
    [{ dataType: 'decimal', supportsMonitoring: false }, '1.5', true],
    [{ dataType: 'decimal', supportsMonitoring: false }, ' ', false],
    [{ dataType: 'boolean', supportsMonitoring: false }, 'TRUE', false],
    [{ dataType: 'dateTime', supportsMonitoring: false }, '2025-01-01T00:00:00Z', true],
    [{ dataType: 'string', supportsMonitoring: false, maxLimit: 3 }, 'abcd', false],
    [{ dataType: 'OptionList', supportsMonitoring: false, valuesList: 'A,B' }, 'B', true],
    [{ dataType: 'OptionList', supportsMonitoring: false, valuesList: 'A,B' }, 'A,B', false],
    [{ dataType: 'MemberList', supportsMonitoring: false, valuesList: 'A,B,C' }, 'C,A', true],
    [{ dataType: 'SequenceList', supportsMonitoring: false, valuesList: 'A,B' }, 'A,D', false],
  ];
  for (const [characteristics, value, fits] of cases) {
    it(`${characteristics.dataType} ${JSON.stringify(value)}: ${fits ? 'fits' : 'does not fit'}`, () => {
      assert.equal(fitsCharacteristics({ characteristics }, value), fits);
    });
  }
});
