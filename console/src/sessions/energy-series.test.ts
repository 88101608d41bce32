import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { MeterValue } from '../api/types.ts';
import { energySeries } from './energy-series.ts';

function reading(sampledAt: string, value: string, extra: Partial<MeterValue> = {}): MeterValue {
  return { sampledAt, connectorId: 1, measurand: 'Energy.Active.Import.Register', value, unit: 'Wh', context: null, phase: null, ...extra };
}

it('keeps the energy register in kWh, oldest first', () => {
  const series = energySeries([
    reading('2025-01-10T08:10:00Z', '2500'),
    reading('2025-01-10T08:00:00Z', '1000'),
    reading('2025-01-10T08:05:00Z', '1.75', { unit: 'kWh' }),
  ]);
  assert.deepEqual(series, [
    [Date.parse('2025-01-10T08:00:00Z') / 1000, Date.parse('2025-01-10T08:05:00Z') / 1000, Date.parse('2025-01-10T08:10:00Z') / 1000],
    [1, 1.75, 2.5],
  ]);
});

it('leaves out other measurands, per-phase readings and values that are not numbers', () => {
  const series = energySeries([
    reading('2025-01-10T08:00:00Z', '16', { measurand: 'Current.Import', unit: 'A' }),
    reading('2025-01-10T08:00:00Z', '300', { phase: 'L1' }),
    reading('2025-01-10T08:00:00Z', 'n/a'),
    reading('2025-01-10T08:01:00Z', '2000', { measurand: '' }),
  ]);
  assert.deepEqual(series, [[Date.parse('2025-01-10T08:01:00Z') / 1000], [2]]);
});

it('runs from the meter at the start to the meter at the stop', () => {
  const series = energySeries([reading('2025-01-10T08:05:00Z', '1500')], {
    startedAt: '2025-01-10T08:00:00Z', meterStartWh: 1000, stoppedAt: '2025-01-10T08:10:00Z', meterStopWh: 2200,
  });
  assert.deepEqual(series[1], [1, 1.5, 2.2]);
  const active = energySeries([], { startedAt: '2025-01-10T08:00:00Z', meterStartWh: 1000, stoppedAt: null, meterStopWh: null });
  assert.deepEqual(active, [[Date.parse('2025-01-10T08:00:00Z') / 1000], [1]]);
});
