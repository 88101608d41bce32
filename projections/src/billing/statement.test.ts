import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cdrIssued } from '../test-billing-events.ts';
import { T0 } from '../test-events.ts';
import { cdrRow } from './rows.ts';
import { monthBounds, statementTotals, toCdrView, type CdrRow } from './queries.ts';

function view(...args: Parameters<typeof cdrIssued>) {
  const row = cdrRow(cdrIssued(...args));
  return toCdrView({ ...row, credited_by: null, tariff_versions: JSON.parse(row.tariff_versions as string) } as unknown as CdrRow);
}

test('a month is [its first instant, the next month\'s) in UTC, December included', () => {
  assert.deepEqual(monthBounds('2025-01'), { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-02-01T00:00:00Z') });
  assert.deepEqual(monthBounds('2024-12'), { from: new Date('2024-12-01T00:00:00Z'), to: new Date('2025-01-01T00:00:00Z') });
});

test('anything but YYYY-MM is refused', () => {
  for (const month of ['2025-13', '2025-1', '2025-00', '202501', '2025-01-01', '']) assert.throws(() => monthBounds(month), RangeError, month);
});

test('totals add up per currency, in currency order, never across currencies', () => {
  const eur1 = view('CP001', 1, T0);
  const eur2 = view('CP001', 2, T0 + 3_600_000);
  const sek = { ...view('CP002', 3, T0), currency: 'SEK', energyWh: 1_000, totalExclVatMinor: 500, vatMinor: 125, totalInclVatMinor: 625 };
  assert.deepEqual(statementTotals([sek, eur1, eur2]), [
    { currency: 'EUR', sessions: 2, energyWh: 44_000, totalExclVatMinor: 1_540, vatMinor: 324, totalInclVatMinor: 1_864 },
    { currency: 'SEK', sessions: 1, energyWh: 1_000, totalExclVatMinor: 500, vatMinor: 125, totalInclVatMinor: 625 },
  ]);
  assert.deepEqual(statementTotals([]), []);
});
