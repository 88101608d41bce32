import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BillingEvent, CdrIssued, SessionEvent, Tariff, TariffVersion } from '@csms/contracts';
import { cdrIssued } from '../deciders/billing-records.ts';
import { defaultSettings } from '../deciders/context.ts';
import { AT } from '../deciders/fixtures.ts';
import { MINUTE, TX, sampled, started, stopped, tariffs as billedTariffs, version } from '../deciders/billing-fixtures.ts';
import { planRerate, type RerateRequest } from './rerate-plan.ts';
import { repriceSession } from './session-replay.ts';

const DAY = 24 * 60 * MINUTE;
/** One hour, 10 kWh: 3.00 energy + 2.00 time = 5.00 EUR excl. VAT, 6.00 incl. */
const facts: SessionEvent[] = [started(), sampled(30, 6000), stopped(60, 11_000)];
const request: RerateRequest = { tariffId: 'AC', from: AT - DAY, to: AT + DAY, at: AT + 3 * DAY, reason: 'energy price corrected', requestedBy: 'key:admin' };

function tariffsWith(...versions: TariffVersion[]): ReadonlyMap<string, Tariff> {
  return new Map([['AC', { id: 'AC', name: 'AC', versions, updatedAt: 0, updatedBy: null }]]);
}

/** The session's Final CDR as live billing issued it under the tariff's first version. */
function finalCdr(sessionFacts: readonly SessionEvent[] = facts): CdrIssued {
  const billed = { tariffId: 'AC', groupIdToken: null } as CdrIssued;
  const priced = repriceSession(billed, sessionFacts, billedTariffs, defaultSettings)!;
  const subject = {
    chargePointId: 'CP001', transactionId: TX, stationTransactionId: null, connectorId: 1, idTag: 'T1', idTokenType: null, groupIdToken: null, tariffId: 'AC',
  };
  return cdrIssued(subject, AT + 60 * MINUTE, 'Final', priced, null);
}

const corrected: TariffVersion = {
  ...version, version: 2,
  elements: [{ ...version.elements[0]!, priceComponents: [{ type: 'ENERGY', price: '0.25', vatRate: null, stepSize: 1 }, version.elements[0]!.priceComponents[1]!] }],
};

describe('planning a re-rating', () => {
  it('Given a session billed under the versions still in force, when planned, then it prices as billed, byte for byte', () => {
    const [outcome] = planRerate(request, { sessions: facts, billing: [finalCdr()] }, billedTariffs, defaultSettings);
    assert.equal(outcome?.status, 'unchanged');
  });

  it('Given the energy price corrected from before the session, when planned, then the CDR is credited and a Correction bills the new price', () => {
    const billed = finalCdr();
    assert.equal(billed.priced.totalInclVatMinor, 600);
    const [outcome] = planRerate(request, { sessions: facts, billing: [billed] }, tariffsWith(version, corrected), defaultSettings);
    assert.equal(outcome?.status, 'corrected');
    const { credit, correction } = outcome.status === 'corrected' ? outcome.correction : assert.fail('not corrected');
    assert.deepEqual([credit.creditedCdrId, credit.totalInclVatMinor], [billed.cdrId, -600]);
    // 10 kWh at 0.25 + one hour at 2.00 = 4.50, plus 20 % VAT.
    assert.deepEqual([correction.kind, correction.correctsCdrId, correction.priced.totalExclVatMinor, correction.priced.totalInclVatMinor], ['Correction', billed.cdrId, 450, 540]);
    assert.deepEqual(correction.priced.tariffVersions.map((v) => v.version), [2]);
  });

  it('Given the correction written, when the same re-rating runs again, then the Correction is what is billed and nothing changes', () => {
    const billed = finalCdr();
    const tariffs = tariffsWith(version, corrected);
    const [first] = planRerate(request, { sessions: facts, billing: [billed] }, tariffs, defaultSettings);
    const { credit, correction } = first?.status === 'corrected' ? first.correction : assert.fail('not corrected');
    const again = planRerate(request, { sessions: facts, billing: [billed, credit, correction] }, tariffs, defaultSettings);
    assert.deepEqual(again.map((o) => [o.status, o.billed.cdrId]), [['unchanged', correction.cdrId]]);
  });

  it('Given sessions of another tariff, outside the period, or only provisionally billed, when planned, then none is touched', () => {
    const billing: BillingEvent[] = [
      { ...finalCdr(), tariffId: 'DC' },
      { ...finalCdr(), cdrId: 'CDR-CP001-42-NO_STOP', kind: 'Provisional' },
    ];
    assert.deepEqual(planRerate(request, { sessions: facts, billing }, tariffsWith(version, corrected), defaultSettings), []);
    const later = { ...request, from: AT + 2 * 60 * MINUTE, to: AT + DAY };
    assert.deepEqual(planRerate(later, { sessions: facts, billing: [finalCdr()] }, tariffsWith(version, corrected), defaultSettings), []);
  });

  it('Given the tariff was deleted, when planned, then the session is reported unpriceable and left as billed', () => {
    const [outcome] = planRerate(request, { sessions: facts, billing: [finalCdr()] }, new Map(), defaultSettings);
    assert.equal(outcome?.status, 'unpriceable');
  });

  it('Given facts of other transactions and stations in the log, when planned, then only the session\'s own facts price it', () => {
    const noise: SessionEvent[] = [sampled(40, 900_000, TX + 1), { ...sampled(45, 800_000), chargePointId: 'CP002' }];
    const [outcome] = planRerate(request, { sessions: [...noise, ...facts], billing: [finalCdr()] }, billedTariffs, defaultSettings);
    assert.equal(outcome?.status, 'unchanged');
  });
});
