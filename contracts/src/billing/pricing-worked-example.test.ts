// The README's "How a CDR is computed" walks through this session line by line; this test keeps
// the figures it prints true.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priceSession } from './pricing.ts';
import { component, element, reading, session, tariff } from './test-builders.ts';

/** Wall-clock time in Amsterdam on 15 January 2025 (UTC+1). */
const amsterdam = (hour: number, minute: number) => Date.UTC(2025, 0, 15, hour - 1, minute);

const evening = tariff([
  element([component('ENERGY', '0.45')], { startTime: '17:00', endTime: '21:00' }),
  element([component('ENERGY', '0.30'), component('PARKING_TIME', '6.00', 300), component('FLAT', '0.50')]),
], { vatRate: '21', idlePowerThresholdW: 500 });

const plugged = session({
  startedAt: amsterdam(20, 30), stoppedAt: amsterdam(22, 0), meterStartWh: 1_000, meterStopWh: 21_000,
  readings: [
    reading(amsterdam(20, 30), 1_000, 11_000), reading(amsterdam(21, 0), 6_500, 22_000), reading(amsterdam(21, 40), 21_000, 22_000),
    reading(amsterdam(21, 41), 21_000, 0), reading(amsterdam(22, 0), 21_000, 0),
  ],
});

describe('Given the README\'s evening tariff and a session from 20:30 to 22:00 that stops drawing power at 21:41', () => {
  const priced = priceSession(plugged, [evening], { asOf: amsterdam(23, 0), maxClockSkewMs: 30_000 });

  it('When priced, then it is charging until 21:41 and idle after', () => {
    assert.deepEqual(priced.periods.map((period) => [period.kind, (period.end - period.start) / 60_000]), [['CHARGING', 71], ['IDLE', 19]]);
  });

  it('When priced, then the fee, peak and off-peak energy and the stepped parking time are its lines', () => {
    const local = (at: number) => new Date(at + 3_600_000).toISOString().slice(11, 16);
    assert.deepEqual(priced.lines.map((line) => [line.component, local(line.from), local(line.to), line.quantity, line.billedQuantity, line.unitPrice, line.amountMinor]), [
      ['FLAT', '20:30', '20:30', '1', '1', '0.5', 50],
      ['ENERGY', '20:30', '21:00', '5.5', '5.5', '0.45', 248],
      ['ENERGY', '21:00', '21:41', '14.5', '14.5', '0.3', 435],
      ['PARKING_TIME', '21:41', '22:00', '1140', '1200', '6', 200],
    ]);
  });

  it('When priced, then the total is 9.33 EUR, plus 1.96 VAT at 21 %, 11.29 EUR', () => {
    assert.deepEqual([priced.totalExclVatMinor, priced.vatMinor, priced.totalInclVatMinor], [933, 196, 1129]);
    assert.deepEqual(priced.flags, []);
  });
});
