import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SampledValue } from '@csms/contracts';
import { meterReadings } from './meter-readings.ts';

function sample(timestamp: number, measurand: string, value: string, unit: string | null, overrides: Partial<SampledValue> = {}): SampledValue {
  return {
    timestamp, value, measurand, unit, context: 'Sample.Periodic', phase: null, location: null, format: null, signedMeterValue: null, ...overrides,
  };
}

describe('meter readings for pricing', () => {
  it('given energy in kWh, power in kW and current in A at one timestamp, then one reading in Wh, W and A', () => {
    assert.deepEqual(meterReadings([
      sample(2000, 'Energy.Active.Import.Register', '1.5', 'kWh'), sample(2000, 'Power.Active.Import', '7.4', 'kW'),
      sample(2000, 'Current.Import', '32', 'A'), sample(1000, 'Energy.Active.Import.Register', '1000', 'Wh'),
    ]), [
      { at: 1000, energyWh: 1000, powerW: null, currentA: null },
      { at: 2000, energyWh: 1500, powerW: 7400, currentA: 32 },
    ]);
  });

  it('given per-phase currents and no total, then their sum; given a total too, then the total', () => {
    const phases = ['L1', 'L2', 'L3'].map((phase) => sample(1000, 'Current.Import', '16', 'A', { phase }));
    assert.equal(meterReadings(phases)[0]?.currentA, 48);
    assert.equal(meterReadings([...phases, sample(1000, 'Current.Import', '47', 'A')])[0]?.currentA, 47);
  });

  it('given a power without a unit (the flattened default Wh), then watts; given only other measurands or locations, then nothing', () => {
    assert.equal(meterReadings([sample(1000, 'Power.Active.Import', '3000', 'Wh')])[0]?.powerW, 3000);
    assert.deepEqual(meterReadings([
      sample(1000, 'SoC', '50', 'Percent'), sample(1000, 'Power.Active.Import', '3000', 'W', { location: 'EV' }),
    ]), []);
  });
});
