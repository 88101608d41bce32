import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPayloadValidator } from './payload-validator.ts';

const validator = createPayloadValidator('ocpp1.6');
const status = { connectorId: 1, errorCode: 'NoError', status: 'Available' };

describe('payload validator (OCPP 1.6 schemas)', () => {
  it('accepts valid payloads', () => {
    assert.deepEqual(validator.validate('Heartbeat', {}), { ok: true });
    assert.deepEqual(validator.validate('StatusNotification', { ...status, timestamp: '2025-01-02T03:04:05Z' }), { ok: true });
    assert.deepEqual(validator.validate('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' }), { ok: true });
  });

  const cases: [string, string, unknown, string][] = [
    ['an unknown action', 'FlyToTheMoon', {}, 'UNKNOWN_ACTION'],
    ['a CSMS-initiated action', 'Reset', { type: 'Hard' }, 'ACTION_NOT_SUPPORTED'],
    ['a missing required field', 'StatusNotification', { connectorId: 1, status: 'Available' }, 'OCCURRENCE_CONSTRAINT'],
    ['a wrong type', 'StatusNotification', { ...status, connectorId: 'one' }, 'TYPE_CONSTRAINT'],
    ['a payload that is not an object', 'Heartbeat', 'hello', 'TYPE_CONSTRAINT'],
    ['maxLength exceeded', 'BootNotification', { chargePointVendor: 'V'.repeat(21), chargePointModel: 'M' }, 'TYPE_CONSTRAINT'],
    ['a bad enum value', 'StatusNotification', { ...status, status: 'Exploded' }, 'PROPERTY_CONSTRAINT'],
    ['an additional property', 'Heartbeat', { extra: true }, 'PAYLOAD_STRUCTURE'],
    ['a bad date-time', 'StatusNotification', { ...status, timestamp: 'yesterday' }, 'TYPE_CONSTRAINT'],
    ['a connectorId beyond int32', 'StatusNotification', { ...status, connectorId: 3e9 }, 'PROPERTY_CONSTRAINT'],
    ['a NUL in a string', 'StatusNotification', { ...status, info: 'a\u0000b' }, 'PROPERTY_CONSTRAINT'],
    ['a lone surrogate', 'StatusNotification', { ...status, vendorErrorCode: '\udfff' }, 'PROPERTY_CONSTRAINT'],
    ['year 9999', 'StatusNotification', { ...status, timestamp: '9999-01-01T00:00:00Z' }, 'PROPERTY_CONSTRAINT'],
  ];
  for (const [name, action, payload, problem] of cases) {
    it(`reports ${name} as ${problem}`, () => {
      const result = validator.validate(action, payload);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.problem, problem);
      assert.ok(result.description.length > 0);
    });
  }

  it('lets through a date-time without an offset (firmware sending local time) but not a malformed one', () => {
    const start = { connectorId: 1, idTag: 'T', meterStart: 0 };
    assert.deepEqual(validator.validate('StartTransaction', { ...start, timestamp: '2025-01-15T10:05:00' }), { ok: true });
    assert.deepEqual(validator.validate('StartTransaction', { ...start, timestamp: '2025-01-15T10:05:00.123+07:00' }), { ok: true });
    assert.equal(validator.validate('StartTransaction', { ...start, timestamp: '2025-13-45T10:05:00' }).ok, false);
  });

  it('names the offending field in the description', () => {
    const result = validator.validate('Heartbeat', { extra: true });
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.description, /extra/);
  });

  it('checks the parts of a CALLERROR answer by the value rules, details included', () => {
    const callError = (errorCode: string, errorDetails: unknown) =>
      validator.validateCallError({ messageTypeId: 4, messageId: 'm', errorCode, errorDescription: 'd', errorDetails });
    assert.deepEqual(callError('NotSupported', { why: ['x', 1] }), { ok: true });
    const bad = callError('NotSupported', { why: ['x', 1e300] });
    assert.deepEqual(bad.ok === false && [bad.problem, bad.description],
      ['PROPERTY_CONSTRAINT', 'payload/errorDetails/why/1 must be a finite number within ±1e15']);
    assert.equal(callError('Not\u0000Supported', {}).ok, false);
  });

  it('checks a CALLRESULT against the .conf schema of the CSMS CALL it answers', () => {
    assert.deepEqual(validator.validateResult('Reset', { status: 'Accepted' }), { ok: true });
    assert.deepEqual(validator.validateResult('GetLocalListVersion', { listVersion: 3 }), { ok: true });
    const bad = validator.validateResult('UnlockConnector', { status: 'Open' });
    assert.deepEqual(bad.ok === false && bad.problem, 'PROPERTY_CONSTRAINT');
    const missing = validator.validateResult('GetConfiguration', { configurationKey: [{ key: 'K' }] });
    assert.deepEqual(missing.ok === false && missing.problem, 'OCCURRENCE_CONSTRAINT');
    assert.deepEqual(validator.validateResult('NoSuchAction', { anything: 1 }), { ok: true });
  });
});

describe('payload validator (OCPP 2.0.1 schemas, actions from its table)', () => {
  const v201 = createPayloadValidator('ocpp2.0.1');
  const status201 = { timestamp: '2025-01-02T03:04:05Z', connectorStatus: 'Available', evseId: 1, connectorId: 1 };
  const problemOf = (check: ReturnType<typeof v201.validate>): string => (check.ok ? 'ok' : check.problem);

  it('accepts valid 2.0.1 payloads', () => {
    assert.deepEqual(v201.validate('Heartbeat', {}), { ok: true });
    assert.deepEqual(v201.validate('StatusNotification', status201), { ok: true });
    assert.deepEqual(v201.validate('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } }), { ok: true });
  });

  it('holds a 2.0.1 station to the 2.0.1 schema, not the 1.6 one', () => {
    assert.equal(problemOf(v201.validate('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' })), 'OCCURRENCE_CONSTRAINT');
    assert.equal(problemOf(validator.validate('StatusNotification', status201)), 'OCCURRENCE_CONSTRAINT');
    assert.equal(problemOf(v201.validate('StartTransaction', { connectorId: 1, idTag: 'T', meterStart: 0, timestamp: '2025-01-02T03:04:05Z' })), 'UNKNOWN_ACTION',
      '1.6 actions are unknown in 2.0.1');
  });

  it('refuses a 2.0.1 action the CSMS does not implement with NotImplemented, even one the 2.0.1 schemas define', () => {
    assert.equal(problemOf(v201.validate('NotifyEvent', { generatedAt: '2025-01-02T03:04:05Z', seqNo: 0, eventData: [] })), 'UNKNOWN_ACTION');
    assert.equal(problemOf(v201.validate('FirmwareStatusNotification', { status: 'Idle' })), 'UNKNOWN_ACTION');
    assert.equal(problemOf(v201.validate('Teleport', {})), 'UNKNOWN_ACTION');
  });

  it('refuses a CSMS call sent by a station with NotSupported, as 1.6 does', () => {
    assert.equal(problemOf(v201.validate('Reset', { type: 'Immediate' })), 'ACTION_NOT_SUPPORTED');
    assert.equal(problemOf(v201.validate('SetVariables', { setVariableData: [] })), 'ACTION_NOT_SUPPORTED');
  });

  it("takes DataTransfer, in both directions of the table, as the station's call", () => {
    assert.deepEqual(v201.validate('DataTransfer', { vendorId: 'V' }), { ok: true });
  });

  it('applies the value rules to 2.0.1 payloads as well', () => {
    assert.equal(problemOf(v201.validate('StatusNotification', { ...status201, evseId: 3e9 })), 'PROPERTY_CONSTRAINT');
    assert.equal(problemOf(v201.validate('Heartbeat', { extra: 1 })), 'PAYLOAD_STRUCTURE');
  });

  it('checks a CALLRESULT against the 2.0.1 .conf schema of the CSMS CALL it answers', () => {
    assert.deepEqual(v201.validateResult('Reset', { status: 'Scheduled' }), { ok: true });
    assert.equal(problemOf(v201.validateResult('Reset', { status: 'Maybe' })), 'PROPERTY_CONSTRAINT');
    assert.equal(problemOf(v201.validateResult('SetVariables', { setVariableResult: [{ attributeStatus: 'Accepted' }] })), 'OCCURRENCE_CONSTRAINT');
  });
});
