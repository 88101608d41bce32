import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { priceSession, type CdrIssued, type TariffVersion } from '@csms/contracts';
import { correctionOf } from './correction.ts';
import { cdrIssued, type BillingFlag } from '../deciders/billing-records.ts';

const T0 = Date.UTC(2025, 0, 15, 10, 0);
const HOUR = 3_600_000;
const version = (price: string, number = 1): TariffVersion => ({
  id: 'T1', version: number, validFrom: Date.UTC(2025, 0, 1), currency: 'EUR', timeZone: 'UTC', vatRate: '20',
  minPrice: null, maxPrice: null, idlePowerThresholdW: null,
  elements: [{ priceComponents: [{ type: 'ENERGY', price, vatRate: null, stepSize: 1 }], restrictions: null }],
});
const usage = { startedAt: T0, stoppedAt: T0 + HOUR, meterStartWh: 0, meterStopWh: 10_000, readings: [], chargingStates: [], receivedAt: [] };
const options = { asOf: T0 + HOUR, maxClockSkewMs: 300_000 };
const context = { at: T0 + 30 * 24 * HOUR, reason: 'tariff T1 corrected', requestedBy: 'key:admin' };

function billedAt(price: string): CdrIssued {
  return {
    type: 'CdrIssued', chargePointId: 'CP001', at: T0 + HOUR, cdrId: 'CDR-CP001-7', kind: 'Final', correctsCdrId: null, transactionId: 7,
    stationTransactionId: null, connectorId: 1, idTag: 'RFID-1', idTokenType: null, groupIdToken: null, tariffId: 'T1',
    priced: priceSession(usage, [version(price)], options),
  };
}

describe('a re-rating of one billed session', () => {
  it('Given the session prices as billed, when re-rated, then nothing is written', () => {
    assert.equal(correctionOf(billedAt('0.30'), priceSession(usage, [version('0.30')], options), context), null);
  });

  it('Given a corrected price, when re-rated, then the CDR is credited in full and a Correction replaces it', () => {
    const billed = billedAt('0.30');
    const repriced = priceSession(usage, [version('0.30'), { ...version('0.25', 2) }], options);
    const result = correctionOf(billed, repriced, context);
    assert.ok(result);
    assert.deepEqual([result.credit.creditedCdrId, result.credit.totalExclVatMinor, result.credit.vatMinor, result.credit.totalInclVatMinor], ['CDR-CP001-7', -300, -60, -360]);
    assert.deepEqual([result.correction.kind, result.correction.correctsCdrId, result.correction.priced.totalInclVatMinor], ['Correction', 'CDR-CP001-7', 300]);
    assert.equal(billed.priced.totalInclVatMinor + result.credit.totalInclVatMinor + result.correction.priced.totalInclVatMinor, 300,
      'what the session is billed in all is the new price');
  });

  it('Given the same re-rating twice, when both run, then they name the same records', () => {
    const repriced = priceSession(usage, [version('0.25')], options);
    assert.deepEqual(correctionOf(billedAt('0.30'), repriced, context), correctionOf(billedAt('0.30'), repriced, context));
  });

  it('Given a correction corrected again, then its id keeps the session\'s root', () => {
    const first = correctionOf(billedAt('0.30'), priceSession(usage, [version('0.25')], options), context)!;
    const second = correctionOf(first.correction, priceSession(usage, [version('0.20')], options), context)!;
    assert.match(second.correction.cdrId, /^CDR-CP001-7-C[0-9a-f]{16}$/);
    assert.equal(second.credit.creditedCdrId, first.correction.cdrId);
  });

  it('Given re-ratings X→B→C→B, then each correction has its own id, so the last is not taken for the first', () => {
    const toB = correctionOf(billedAt('0.30'), priceSession(usage, [version('0.25')], options), context)!;
    const toC = correctionOf(toB.correction, priceSession(usage, [version('0.20')], options), context)!;
    const backToB = correctionOf(toC.correction, priceSession(usage, [version('0.25')], options), context)!;
    const ids = [toB, toC, backToB].map((c) => c.correction.cdrId);
    assert.equal(new Set(ids).size, 3, ids.join(' '));
    assert.equal(new Set([toB, toC, backToB].map((c) => c.credit.creditId)).size, 3);
    assert.equal(backToB.correction.priced.totalInclVatMinor, toB.correction.priced.totalInclVatMinor, 'the same price as B');
  });

  it('Given a CDR billing flagged (STOP_WITHOUT_START, NO_STOP), when re-rated at the same price, then nothing; at a new price, the Correction keeps the flag', () => {
    for (const flag of ['STOP_WITHOUT_START', 'NO_STOP'] satisfies BillingFlag[]) {
      const billed = cdrIssued(billedAt('0.30'), T0 + HOUR, 'Provisional', priceSession(usage, [version('0.30')], options), flag);
      assert.ok(billed.priced.flags.includes(flag));
      assert.equal(correctionOf(billed, priceSession(usage, [version('0.30')], options), context), null, flag);
      const result = correctionOf(billed, priceSession(usage, [version('0.25')], options), context);
      assert.deepEqual(result?.correction.priced.flags, billed.priced.flags, flag);
    }
  });
});
