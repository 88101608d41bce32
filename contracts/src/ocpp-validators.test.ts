// The value rules on the real OCPP schemas: what the official schema lets through but the
// CSMS cannot carry is refused with the field and the rule named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ocppSchemas } from './ocpp-schemas.ts';
import { compileOcppSchemas, compileWithValueRules, describeSchemaError, tableValidators, type ValidateFunction } from './ocpp-validators.ts';

const v16 = compileOcppSchemas('ocpp1.6', { stationTimes: true });
const strict16 = compileOcppSchemas('ocpp1.6', { stationTimes: false });
// Only the 2.0.1 schemas used here: compiling all of them takes seconds.
const v201 = new Map(ocppSchemas('ocpp2.0.1')
  .filter(({ $id }) => ['urn:BootNotification.req', 'urn:DataTransfer.req'].includes($id))
  .map(({ $id, ...schema }) => [$id, compileWithValueRules(schema, { stationTimes: true })]));

/** 'ok', or the first error as `keyword: description`. */
function check(validators: ReadonlyMap<string, ValidateFunction>, id: string, payload: unknown): string {
  const validate = validators.get(id)!;
  if (validate(payload)) return 'ok';
  const first = validate.errors![0]!;
  return `${first.keyword}: ${describeSchemaError(first, 'payload')}`;
}

const start = { connectorId: 1, idTag: 'RFID-1', meterStart: 0, timestamp: '2025-01-15T10:05:00Z' };
const stop = { transactionId: 7, meterStop: 100, timestamp: '2025-01-15T11:05:00Z' };

describe('OCPP schemas with the value rules', () => {
  it('refuses connectorId 3e9, valid under the 1.6 schema, naming the field and int32', () => {
    assert.equal(check(v16, 'urn:StartTransaction.req', start), 'ok');
    assert.equal(check(v16, 'urn:StartTransaction.req', { ...start, connectorId: 3e9 }),
      'int32: payload/connectorId must be an integer within -2147483648..2147483647 (int32)');
  });

  it('refuses meterStop 1e300 and JSON 1e400 (Infinity) as values, not types', () => {
    assert.match(check(v16, 'urn:StopTransaction.req', { ...stop, meterStop: 1e300 }), /^int32: payload\/meterStop/);
    assert.match(check(v16, 'urn:StopTransaction.req', JSON.parse('{"transactionId":1e400,"meterStop":1,"timestamp":"2025-01-15T11:05:00Z"}')),
      /^int32: payload\/transactionId/);
    assert.match(check(v16, 'urn:StartTransaction.req', { ...start, connectorId: 'one' }), /^type:/, 'a wrong type stays a type error');
    assert.match(check(v16, 'urn:StartTransaction.req', { ...start, connectorId: 1.5 }), /^type:/);
  });

  it('bounds decimals (1.6 charging schedule limits)', () => {
    const profile = (limit: number) => ({
      connectorId: 1, csChargingProfiles: {
        chargingProfileId: 1, stackLevel: 0, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Absolute',
        chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit }] },
      },
    });
    assert.equal(check(strict16, 'urn:SetChargingProfile.req', profile(16.5)), 'ok');
    assert.equal(check(strict16, 'urn:SetChargingProfile.req', profile(1e16)),
      'decimal: payload/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit must be a finite number within ±1e15');
  });

  it('refuses NUL and lone surrogates in any string, and accepts TAB, LF, CR and emoji', () => {
    assert.match(check(v16, 'urn:StartTransaction.req', { ...start, idTag: 'RF\u0000ID' }), /^text: payload\/idTag must not contain control characters/);
    assert.match(check(v16, 'urn:DataTransfer.req', { vendorId: 'V', data: 'x\ud800' }), /^text: payload\/data/);
    assert.equal(check(v16, 'urn:DataTransfer.req', { vendorId: 'V', data: 'a\tb\r\nc 😀' }), 'ok');
    assert.match(check(v16, 'urn:MeterValues.req', {
      connectorId: 1, meterValue: [{ timestamp: '2025-01-15T10:05:00Z', sampledValue: [{ value: '1\u001b2' }] }],
    }), /^text: payload\/meterValue\/0\/sampledValue\/0\/value/);
  });

  it('refuses year 9999 and accepts 1970 from a station whose clock was reset', () => {
    assert.equal(check(v16, 'urn:StartTransaction.req', { ...start, timestamp: '9999-12-31T23:59:59Z' }),
      'dateTimeRange: payload/timestamp must be a date-time from 1970-01-01 up to 2100-01-01');
    assert.equal(check(v16, 'urn:StartTransaction.req', { ...start, timestamp: '1970-01-01T00:00:00Z' }), 'ok');
    assert.equal(check(v16, 'urn:StopTransaction.req', { ...stop, timestamp: '1970-01-01T00:03:12' }), 'ok');
    assert.match(check(v16, 'urn:StartTransaction.req', { ...start, timestamp: 'noon' }), /^format:/, 'a malformed date-time stays a format error');
    assert.match(check(strict16, 'urn:ReserveNow.req', {
      connectorId: 1, expiryDate: '9999-01-01T00:00:00Z', idTag: 'T', reservationId: 1,
    }), /^dateTimeRange: payload\/expiryDate/, 'the api\'s strict date-times get the range too');
  });

  it('checks free-form parts (2.0.1 customData, DataTransfer data) as a whole, keys included', () => {
    const boot = { chargingStation: { model: 'M', vendorName: 'V' }, reason: 'PowerUp' };
    assert.equal(check(v201, 'urn:BootNotification.req', { ...boot, customData: { vendorId: 'X', any: { thing: [1, 'y'] } } }), 'ok');
    assert.match(check(v201, 'urn:BootNotification.req', { ...boot, customData: { vendorId: 'X', n: 1e300 } }),
      /^jsonValue: payload\/customData\/n must be a finite number/);
    assert.match(check(v201, 'urn:DataTransfer.req', { vendorId: 'V', data: { list: ['ok', 'no\u0000'] } }),
      /^jsonValue: payload\/data\/list\/1 must not contain control characters/);
    assert.match(check(v201, 'urn:DataTransfer.req', { vendorId: 'V', data: { 'k\u0000': 1 } }), /^jsonValue: payload\/data must not contain/);
  });

  it('compiles any other schema with the same rules', () => {
    const validate = compileWithValueRules({ type: 'object', properties: { code: { type: 'string' }, details: {} } }, { stationTimes: true });
    assert.equal(validate({ code: 'X', details: { a: [1, 2] } }), true);
    assert.equal(validate({ code: 'X\u0000' }), false);
    assert.equal(validate({ code: 'X', details: [1e16] }), false);
  });

  it("compiles a table's schemas once per version and options, and only those its rows name", () => {
    const validators = tableValidators('ocpp1.6', { stationTimes: true });
    assert.equal(tableValidators('ocpp1.6', { stationTimes: true }), validators);
    assert.notEqual(tableValidators('ocpp1.6', { stationTimes: false }), validators);
    assert.equal(validators.has('urn:Authorize.req'), true);
    const validators201 = tableValidators('ocpp2.0.1', { stationTimes: true });
    assert.deepEqual(['urn:BootNotification.req', 'urn:BootNotification.conf', 'urn:SetVariables.conf'].map((id) => validators201.has(id)), [true, true, true]);
    // NotifyEvent has a schema in 2.0.1 but no row in the table: it is not compiled.
    assert.equal(ocppSchemas('ocpp2.0.1').some(({ $id }) => $id === 'urn:NotifyEvent.req'), true);
    assert.deepEqual(['urn:NotifyEvent.req', 'urn:NotifyEvent.conf'].map((id) => validators201.has(id)), [false, false]);
  });
});
