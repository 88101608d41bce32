import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SampledValue } from '@csms/contracts';
import { flattenOcpp201MeterValues, scaledValue } from './sampled-values.ts';
import { registerReading, startReading, stopReading } from './register-readings.ts';
import { AT } from './fixtures.ts';

const T = '2025-01-01T09:30:00.000Z';

describe('OCPP 2.0.1 sampled values', () => {
  it('flatten with the 2.0.1 defaults: a bare number is an import register reading in Wh', () => {
    assert.deepEqual(flattenOcpp201MeterValues([{ timestamp: T, sampledValue: [{ value: 3500 }] }], AT), [{
      timestamp: Date.parse(T), value: '3500', measurand: 'Energy.Active.Import.Register', unit: 'Wh',
      context: 'Sample.Periodic', phase: null, location: null, format: null, signedMeterValue: null,
    }]);
  });

  it('apply the unit multiplier to the value and keep the unit', () => {
    const [sample] = flattenOcpp201MeterValues([{
      timestamp: T, sampledValue: [{ value: 7.2, measurand: 'Power.Active.Import', phase: 'L1', unitOfMeasure: { unit: 'W', multiplier: 3 } }],
    }], AT);
    assert.equal(sample?.value, '7200');
    assert.equal(sample?.unit, 'W');
    assert.equal(sample?.phase, 'L1');
  });

  it('keep the meter\'s signature with the reading it signs (J02)', () => {
    const signedMeterValue = { signedMeterData: 'c2lnbmVk', signingMethod: 'ECDSA-secp256r1-SHA256', encodingMethod: 'OCMF', publicKey: 'cHVi' };
    const [sample] = flattenOcpp201MeterValues([{ timestamp: T, sampledValue: [{ value: 3500, signedMeterValue }] }], AT);
    assert.deepEqual(sample?.signedMeterValue, signedMeterValue);
  });

  it('take the receive time for a meter value whose timestamp is unreadable', () => {
    const [sample] = flattenOcpp201MeterValues([{ timestamp: 'not a time', sampledValue: [{ value: 1 }] }], AT);
    assert.equal(sample?.timestamp, AT);
  });

  it('scale without binary noise, and keep a scale no double holds as exact exponent text', () => {
    assert.equal(scaledValue(1.1, 3), '1100');
    assert.equal(scaledValue(12345, -3), '12.345');
    assert.equal(scaledValue(5, 0), '5');
    assert.equal(scaledValue(5, 400), '5e400');
    assert.equal(scaledValue(5, -400), '5e-400');
  });
});

describe('register readings', () => {
  const sample = (value: string, more: Partial<SampledValue> = {}): SampledValue => ({
    timestamp: Date.parse(T), value, measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic',
    phase: null, location: null, format: null, signedMeterValue: null, ...more,
  });

  it('read the total import register in whole Wh, from Wh or kWh', () => {
    assert.deepEqual(registerReading(sample('1500')), { at: Date.parse(T), wh: 1500 });
    assert.deepEqual(registerReading(sample('1.5', { unit: 'kWh' })), { at: Date.parse(T), wh: 1500 });
  });

  it('read nothing else: a phase, another location, another unit, a power, a negative or unbillable value', () => {
    for (const other of [
      sample('1', { phase: 'L1' }), sample('1', { location: 'EV' }), sample('1', { unit: 'varh' }),
      sample('1', { measurand: 'Power.Active.Import' }), sample('-1'), sample('1e400'), sample(''),
    ]) assert.equal(registerReading(other), null, JSON.stringify(other));
  });

  it('take the start from Transaction.Begin, else the earliest; the stop from Transaction.End, else the latest', () => {
    const at = (ms: number, value: string, context: string) => sample(value, { timestamp: ms, context });
    const samples = [at(2, '20', 'Sample.Periodic'), at(1, '10', 'Sample.Periodic'), at(3, '30', 'Transaction.End')];
    assert.equal(startReading(samples)?.wh, 10);
    assert.equal(startReading([...samples, at(5, '5', 'Transaction.Begin')])?.wh, 5);
    assert.equal(stopReading(samples)?.wh, 30);
    assert.equal(stopReading(samples.slice(0, 2))?.wh, 20);
    assert.equal(stopReading([at(5, '5', 'Transaction.Begin')]), null, 'the start reading is no stop reading');
  });
});
