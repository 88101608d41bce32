// The billing decider, Given/When/Then: given the commands a charge point's sessions have sent it,
// when one more arrives, then the records it publishes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { priceSession, type CdrIssued } from '@csms/contracts';
import { runDecider } from './decider.ts';
import { AT, settings } from './fixtures.ts';
import { billingDecider, type BillingCommand, type BillingDeciderEvent, type BillingNote, type BillingState } from './billing.ts';
import { MAX_READINGS, thinned } from './billing-state.ts';
import { MINUTE, TX, sampled, started, stopped, tariffs, version } from './billing-fixtures.ts';

const pricing = { tariffs, settings: settings() };
const start: BillingCommand = { type: 'Start', started: started(), tariff: { tariffId: 'AC', groupIdToken: null } };
const sample = (minutes: number, wh: number): BillingCommand => ({ type: 'Sample', sampled: sampled(minutes, wh), ...pricing });
const stop = (minutes: number, wh: number): BillingCommand => ({ type: 'Stop', stopped: stopped(minutes, wh), tariff: null, ...pricing });
const observe = (minutes: number): BillingCommand => ({ type: 'Observe', chargePointId: 'CP001', at: AT + minutes * MINUTE, ...pricing });

/** Folded into the decider's state, never published (record-output.ts drops or counts them). */
function isBillingNote(event: BillingDeciderEvent): event is BillingNote {
  return event.type === 'BillingSessionOpened' || event.type === 'BillingUsageNoted' || event.type === 'BillingSessionUnpriced'
    || event.type === 'BillingStaleSessionUnpriced';
}

function fold(commands: readonly BillingCommand[], state: BillingState = billingDecider.initialState) {
  return commands.reduce((acc, command) => {
    const decision = runDecider(billingDecider, command, acc.state);
    return { state: decision.state, published: [...acc.published, ...decision.events.filter((e) => !isBillingNote(e))] };
  }, { state, published: [] as BillingDeciderEvent[] });
}

/** Given the commands so far, when `command` arrives, then what it publishes. */
function given(past: readonly BillingCommand[]) {
  const { state } = fold(past);
  return { when: (command: BillingCommand) => fold([command], state) };
}

function cdrs(events: readonly BillingDeciderEvent[]): CdrIssued[] {
  return events.filter((e): e is CdrIssued => e.type === 'CdrIssued');
}

describe('billing decider', () => {
  it('given a start and samples, when the stop arrives, then exactly one Final CDR priced as priceSession prices the same usage', () => {
    const { published, state } = given([start, sample(10, 3000), sample(20, 5000)]).when(stop(30, 7000));
    const expected = priceSession({
      startedAt: AT, stoppedAt: AT + 30 * MINUTE, meterStartWh: 1000, meterStopWh: 7000,
      readings: [10, 20].map((m, i) => ({ at: AT + m * MINUTE, energyWh: [3000, 5000][i] ?? null, powerW: null, currentA: null })),
      chargingStates: [], receivedAt: [{ stationAt: AT, receivedAt: AT }],
    }, [version], { asOf: AT + 30 * MINUTE, maxClockSkewMs: 300_000 });
    assert.deepEqual(published, [{
      type: 'CdrIssued', chargePointId: 'CP001', at: AT + 30 * MINUTE, cdrId: `CDR-CP001-${TX}`, kind: 'Final', correctsCdrId: null,
      transactionId: TX, stationTransactionId: null, connectorId: 1, idTag: 'T1', idTokenType: null, groupIdToken: null, tariffId: 'AC',
      priced: expected,
    }]);
    assert.equal(expected.energyWh, 6000);
    assert.equal(expected.totalExclVatMinor, 180 + 100, '6 kWh at 0.30 and half an hour at 2.00');
    assert.deepEqual(state.sessions, [], 'the session is forgotten');
  });

  it('given a running session, when samples arrive, then a running cost at most once per interval of station time, to the newest reading', () => {
    const { published } = fold([start, sample(0.5, 1100), sample(1, 1500), sample(1.4, 1800), sample(2, 2000), sample(3.2, 3000)]);
    assert.deepEqual(published.map((e) => e.type === 'SessionCostUpdated' && [(e.asOf - AT) / 1000, e.energyWh]), [[30, 100], [120, 1000], [192, 2000]]);
    const longer = fold([start, sample(0.5, 1100), sample(1, 1500)], billingDecider.initialState);
    assert.equal(longer.published.length, 1, 'within the interval of the first cost: none');
    const slower = { type: 'Sample', sampled: sampled(1.4, 1800), tariffs, settings: settings({ billingCostIntervalSeconds: 30 }) } as const;
    assert.equal(fold([slower], longer.state).published.length, 1, 'the interval is a setting');
  });

  it('given a billed session, when its stop is resent or replayed, then nothing', () => {
    const { published } = given([start, sample(10, 3000), stop(30, 7000)]).when(stop(30, 7000));
    assert.deepEqual(published, []);
    assert.deepEqual(given([start, stop(30, 7000)]).when(start).published, [], 'nor does a resent start open it again');
  });

  it('given no start, when a stop for an unknown transaction arrives with a tariff resolved from it, then one Provisional CDR flagged STOP_WITHOUT_START', () => {
    const unknown = stopped(30, 7000, {
      connectorId: null, energyWh: null, durationSeconds: null, transactionData: [
        { ...sampled(0, 1000).samples[0]!, context: 'Transaction.Begin' }, sampled(15, 4000).samples[0]!,
      ],
    });
    const { published } = given([]).when({ type: 'Stop', stopped: unknown, tariff: { tariffId: 'AC', groupIdToken: 'FLEET' }, ...pricing });
    const [cdr] = cdrs(published);
    assert.equal(published.length, 1);
    assert.equal(cdr?.kind, 'Provisional');
    assert.equal(cdr?.cdrId, `CDR-CP001-${TX}`);
    assert.equal(cdr?.groupIdToken, 'FLEET');
    assert.ok(cdr?.priced.flags.includes('STOP_WITHOUT_START'));
    assert.equal(cdr?.priced.energyWh, 6000);
    assert.equal(cdr?.priced.startedAt, AT, 'it starts at its first reading');
    assert.deepEqual(given([]).when({ type: 'Stop', stopped: unknown, tariff: null, ...pricing }).published, [], 'without a tariff: nothing');
  });

  it('given a session whose start resolved no tariff (never opened here), when it samples and stops, then nothing', () => {
    assert.deepEqual(fold([sample(10, 3000), stop(30, 7000)]).published, []);
  });

  it('given a tariff whose record is missing or has no versions, when the session stops, then no CDR, and the session is counted unpriced', () => {
    for (const table of [new Map(), new Map([['AC', { id: 'AC', name: null, versions: [], updatedAt: 0, updatedBy: null }]])]) {
      const noPrices = { tariffs: table, settings: settings() };
      const before = fold([start, { ...sample(10, 3000), ...noPrices }]);
      const { published, state } = fold([{ ...stop(30, 7000), ...noPrices }], before.state);
      assert.deepEqual([...before.published, ...published], []);
      assert.deepEqual(runDecider(billingDecider, { ...stop(30, 7000), ...noPrices }, before.state).events,
        [{ type: 'BillingSessionUnpriced', transactionId: TX, tariffId: 'AC' }], 'counted once');
      assert.deepEqual(state.sessions, []);
      assert.deepEqual(fold([{ ...stop(30, 7000), ...noPrices }], state).published, [], 'a resend counts nothing twice');
      assert.deepEqual(runDecider(billingDecider, { ...stop(30, 7000), ...noPrices }, state).events, [], 'a resend notes nothing');
    }
  });

  it('given a session silent for the stale age, when time passes, then one Provisional CDR flagged NO_STOP; then its stop gives the Final', () => {
    const staleAt = 48 * 60 + 10;
    const before = given([start, sample(10, 3000)]);
    assert.deepEqual(before.when(observe(staleAt - 1)).published, [], 'not yet');
    const first = before.when(observe(staleAt));
    const [provisional] = cdrs(first.published);
    assert.equal(first.published.length, 1);
    assert.equal(provisional?.kind, 'Provisional');
    assert.equal(provisional?.cdrId, `CDR-CP001-${TX}-NO_STOP`);
    assert.deepEqual(provisional?.priced.flags, ['NO_STOP', 'PROVISIONAL']);
    assert.equal(provisional?.priced.stoppedAt, AT + 10 * MINUTE, 'priced to its last reading');
    assert.deepEqual(fold([observe(staleAt + 60)], first.state).published, [], 'once');
    const final = fold([stop(staleAt + 120, 9000)], first.state);
    assert.deepEqual(cdrs(final.published).map((c) => [c.kind, c.cdrId]), [['Final', `CDR-CP001-${TX}`]]);
  });

  it('given a stale session its tariff cannot price, when time passes, then no CDR, and the check runs once, not on every later record', () => {
    const noPrices = { tariffs: new Map(), settings: settings() };
    const staleAt = 48 * 60 + 10;
    const { state } = fold([start, sample(10, 3000)]);
    const first = runDecider(billingDecider, { ...observe(staleAt), ...noPrices }, state);
    assert.deepEqual(first.events, [{ type: 'BillingStaleSessionUnpriced', transactionId: TX }]);
    assert.equal(first.state.sessions[0]?.staleCdrIssued, true, 'marked');
    assert.deepEqual(runDecider(billingDecider, { ...observe(staleAt + 60), ...noPrices }, first.state).events, [], 'not priced again');
    assert.deepEqual(runDecider(billingDecider, observe(staleAt + 60), first.state).events, [], 'nor once the tariff is back');
    const final = fold([stop(staleAt + 120, 9000)], first.state);
    assert.deepEqual(cdrs(final.published).map((c) => [c.kind, c.cdrId]), [['Final', `CDR-CP001-${TX}`]], 'its stop still gets the Final');
  });

  it('given a sample taken before the newest reading (a queued MeterValues), then the readings stay in station-time order', () => {
    const { state } = fold([start, sample(20, 5000), sample(30, 6000), sample(10, 3000), sample(40, 7000)]);
    assert.deepEqual(state.sessions[0]?.readings.map((r) => (r.at - AT) / MINUTE), [10, 20, 30, 40]);
  });

  it('given samples every second for hours, then the readings stay bounded, keeping the first and the newest', () => {
    const many = Array.from({ length: MAX_READINGS + 1 }, (_, i) => i);
    const kept = thinned(many, MAX_READINGS);
    assert.ok(kept.length <= MAX_READINGS);
    assert.equal(kept[0], 0);
    assert.equal(kept.at(-1), MAX_READINGS);
    const seconds = Array.from({ length: MAX_READINGS + 1 }, (_, i) => sample(i / 60, 1000 + i));
    const session = fold([start, ...seconds]).state.sessions[0];
    assert.ok(session !== undefined && session.readings.length <= MAX_READINGS, `${session?.readings.length} readings kept`);
    assert.deepEqual(session.readings[0], { at: AT, energyWh: 1000, powerW: null, currentA: null }, 'the first');
    assert.deepEqual(session.readings.at(-1), { at: AT + MAX_READINGS * 1000, energyWh: 1000 + MAX_READINGS, powerW: null, currentA: null }, 'the newest');
  });
});
