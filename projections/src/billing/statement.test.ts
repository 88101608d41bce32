import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordingDb } from '../test-recording-db.ts';
import { monthBounds, STATEMENT_MAX_CDRS, statementOf } from './queries.ts';

test('a month is [its first instant, the next month\'s) in UTC, December included', () => {
  assert.deepEqual(monthBounds('2025-01'), { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-02-01T00:00:00Z') });
  assert.deepEqual(monthBounds('2024-12'), { from: new Date('2024-12-01T00:00:00Z'), to: new Date('2025-01-01T00:00:00Z') });
});

test('anything but YYYY-MM is refused', () => {
  for (const month of ['2025-13', '2025-1', '2025-00', '202501', '2025-01-01', '']) assert.throws(() => monthBounds(month), RangeError, month);
});

test('a statement lists at most STATEMENT_MAX_CDRS CDRs and totals every one per currency in SQL, never across currencies', async () => {
  const eur = { currency: 'EUR', sessions: 2, energy_wh: 44_000, total_excl_vat_minor: 1_540, vat_minor: 324, total_incl_vat_minor: 1_864 };
  const sek = { currency: 'SEK', sessions: 1, energy_wh: 1_000, total_excl_vat_minor: 500, vat_minor: 125, total_incl_vat_minor: 625 };
  const db = recordingDb(({ text }) => (text.includes('GROUP BY') ? [eur, sek] : []));
  const statement = await statementOf(db, { idTag: 'RFID-12345', month: '2025-01' });
  const [list, totals] = db.statements;
  assert.match(list?.text ?? '', /^SELECT cdr_id, .* FROM cdrs WHERE .* ORDER BY stopped_at, cdr_id LIMIT \$5$/);
  assert.deepEqual(list?.values, ['RFID-12345', new Date('2025-01-01T00:00:00Z'), new Date('2025-02-01T00:00:00Z'), true, STATEMENT_MAX_CDRS]);
  assert.equal(STATEMENT_MAX_CDRS, 1000);
  assert.match(totals?.text ?? '', /FROM cdrs WHERE .* GROUP BY currency ORDER BY currency COLLATE "C"$/);
  assert.deepEqual(totals?.values, list?.values.slice(0, 4), 'the totals cover the same CDRs, uncut');
  assert.deepEqual(statement, {
    idTag: 'RFID-12345', groupIdToken: null, month: '2025-01', cdrs: [],
    totals: [
      { currency: 'EUR', sessions: 2, energyWh: 44_000, totalExclVatMinor: 1_540, vatMinor: 324, totalInclVatMinor: 1_864 },
      { currency: 'SEK', sessions: 1, energyWh: 1_000, totalExclVatMinor: 500, vatMinor: 125, totalInclVatMinor: 625 },
    ],
  });
});

test('a statement of nobody reads nothing', async () => {
  const db = recordingDb();
  assert.deepEqual(await statementOf(db, { month: '2025-01' }), { idTag: null, groupIdToken: null, month: '2025-01', cdrs: [], totals: [] });
  assert.equal(db.statements.length, 0);
});
