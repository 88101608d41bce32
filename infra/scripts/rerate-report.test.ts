import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RerateCompleted, RerateSession } from '@csms/contracts';
import { rerateReport } from './rerate-report.ts';

const session = (transactionId: number, billed: number, now: number | null, status: RerateSession['status']): RerateSession => ({
  chargePointId: 'CP001', transactionId, billedCdrId: `CDR-CP001-${transactionId}`, status, currency: 'EUR', billedTotalInclVatMinor: billed,
  newTotalInclVatMinor: now, creditId: status === 'corrected' ? `CDR-CP001-${transactionId}-CREDIT-x` : null,
  correctionCdrId: status === 'corrected' ? `CDR-CP001-${transactionId}-Cx` : null,
});

const completed: RerateCompleted = {
  type: 'RerateCompleted', rerateId: 'RR-1', at: 0, tariffId: 'AC', from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1), dryRun: true,
  reason: 'typo', requestedBy: null, error: null,
  sessions: [session(1, 600, 540, 'corrected'), session(2, 1200, 1200, 'unchanged'), session(3, 360, 300, 'corrected'), session(4, 99, null, 'unpriceable')],
};

describe('the re-rating report', () => {
  it('Given a dry run, then each session says what it would become and the change is summed exactly', () => {
    const lines = rerateReport(completed);
    assert.match(lines[0]!, /re-rating RR-1 of tariff AC, 2026-11-01T00:00:00.000Z to 2026-12-01T00:00:00.000Z \(dry run: nothing written\)/);
    assert.equal(lines[1], '  CP001 transaction 1  CDR-CP001-1  6.00 → 5.40 EUR  credited, replaced by CDR-CP001-1-Cx');
    assert.equal(lines[4], '  CP001 transaction 4  CDR-CP001-4  0.99 → ? EUR  cannot be priced any more: left as billed');
    assert.equal(lines.at(-1), '4 sessions billed under the tariff in the period, 2 would be corrected, change incl. VAT -1.20 EUR');
  });

  it('Given a re-rating that could not run, then it says why', () => {
    assert.deepEqual(rerateReport({ ...completed, dryRun: false, error: 'tariff AC is unknown', sessions: [] }).slice(1), ['  not run: tariff AC is unknown']);
  });
});
