// Billing end to end through processRecord: 1.6 frames for CP001 in, csms.billing records out, with
// the billing state surviving a snapshot round trip mid-session (the partition's next owner bills
// the stop exactly as the first would have).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InboundFrame } from '@csms/contracts';
import { applyOverlay, createOverlay, emptyPartitionMemory, readState, type PartitionMemory } from '../partition-memory.ts';
import { processRecord, type RecordContext } from '../process-record.ts';
import { finishRestore, restoreSnapshot, snapshotsOf } from '../snapshots.ts';
import { AT, idTag, idTagTable, settings } from '../deciders/fixtures.ts';
import { stationAssignment, tariffs } from '../deciders/billing-fixtures.ts';

const billed: RecordContext = {
  partition: 5, settings: settings(),
  tables: { idTags: idTagTable(idTag('T1')), chargePoints: new Map(), tariffs, tariffAssignments: new Map([['station:CP001', stationAssignment]]) },
};
const unbilled: RecordContext = { ...billed, tables: { ...billed.tables, tariffAssignments: new Map() } };

let messages = 0;
function call(action: string, payload: object, minutes: number): InboundFrame {
  messages += 1;
  return {
    type: 'Frame', chargePointId: 'CP001', node: 3, connectionId: 'c1', at: AT + minutes * 60_000, protocol: 'ocpp1.6',
    raw: JSON.stringify([2, `m${messages}`, action, payload]), messageTypeId: 2, messageId: `m${messages}`, action,
    payload: JSON.stringify(payload), rejection: null, repliedByGateway: false, rawTruncated: null,
  };
}

const iso = (minutes: number) => new Date(AT + minutes * 60_000).toISOString();
// The first transaction id partition 5 hands out (transactionIdCandidate(0, 5)).
const TX = 6;
const startTx = () => call('StartTransaction', { connectorId: 1, idTag: 'T1', meterStart: 1000, timestamp: iso(0) }, 0);
const meterValues = (minutes: number, wh: number) => call('MeterValues', {
  connectorId: 1, transactionId: TX, meterValue: [{ timestamp: iso(minutes), sampledValue: [{ value: String(wh) }] }],
}, minutes);
const stopTx = () => call('StopTransaction', { transactionId: TX, meterStop: 7000, timestamp: iso(30), idTag: 'T1' }, 30);

function run(memory: PartitionMemory, frames: readonly InboundFrame[], context: RecordContext) {
  return frames.map((record) => {
    const overlay = createOverlay(memory);
    const output = processRecord({ source: 'inbound', record }, overlay, context);
    applyOverlay(overlay);
    return { output, snapshots: snapshotsOf(overlay) };
  });
}

describe('billing through processRecord', () => {
  it('given a station tariff, when a 1.6 session starts, samples and stops, then running costs and exactly one Final CDR, and a resent stop gives none', () => {
    const memory = emptyPartitionMemory();
    const outputs = run(memory, [startTx(), meterValues(10, 3000), meterValues(20, 5000), stopTx(), stopTx()], billed).map((o) => o.output);
    assert.deepEqual(outputs.map((o) => o.billingEvents.map((e) => e.type)), [[], ['SessionCostUpdated'], ['SessionCostUpdated'], ['CdrIssued'], []]);
    const cdr = outputs[3]?.billingEvents[0];
    assert.ok(cdr?.type === 'CdrIssued');
    assert.deepEqual([cdr.kind, cdr.cdrId, cdr.priced.energyWh, cdr.priced.totalExclVatMinor], ['Final', `CDR-CP001-${TX}`, 6000, 280]);
  });

  it('given no tariff assignment, when a session runs, then billing publishes nothing and keeps nothing', () => {
    const memory = emptyPartitionMemory();
    const outputs = run(memory, [startTx(), meterValues(10, 3000), stopTx()], unbilled).map((o) => o.output);
    assert.deepEqual(outputs.flatMap((o) => o.billingEvents), []);
    assert.deepEqual(readState(createOverlay(memory), 'billing', 'CP001').sessions, []);
  });

  it('given a tariff assigned but missing from the tariffs table, when the session stops, then no CDR, and the output counts it unpriced', () => {
    const missing: RecordContext = { ...billed, tables: { ...billed.tables, tariffs: new Map() } };
    const outputs = run(emptyPartitionMemory(), [startTx(), meterValues(10, 3000), stopTx()], missing).map((o) => o.output);
    assert.deepEqual(outputs.flatMap((o) => o.billingEvents), []);
    assert.deepEqual(outputs.map((o) => o.unpricedSessions.length), [0, 0, 1]);
  });

  it('given a billing state restored from its snapshot mid-session, when the stop arrives, then the same CDR as without the restart', () => {
    const first = emptyPartitionMemory();
    const steps = run(first, [startTx(), meterValues(10, 3000), meterValues(20, 5000)], billed);
    const restored = emptyPartitionMemory();
    for (const { snapshots } of steps) for (const snapshot of snapshots) restoreSnapshot(restored, snapshot.key, snapshot.value);
    finishRestore(restored);
    assert.ok(steps.some(({ snapshots }) => snapshots.some((s) => s.key === 'billing:CP001')), 'billing state is snapshotted');
    assert.deepEqual(restored.states.billing.get('CP001'), first.states.billing.get('CP001'));
    const stop = stopTx();
    const [after] = run(restored, [stop], billed);
    const [without] = run(first, [stop], billed);
    assert.deepEqual(after?.output.billingEvents, without?.output.billingEvents);
    assert.equal(after?.output.billingEvents.length, 1);
  });

  it('given an EVSE tariff, when a 2.0.1 transaction starts with a reading, updates its charging state and ends, then one Final CDR with its idle time', () => {
    const evse: RecordContext = {
      ...billed, tables: { ...billed.tables, tariffAssignments: new Map([['evse:CP001:1', { ...stationAssignment, scope: 'Evse', evseId: 1 }]]) },
    };
    const event = (eventType: string, seqNo: number, minutes: number, wh: number, chargingState: string) => ({
      ...call('TransactionEvent', {
        eventType, seqNo, timestamp: iso(minutes), triggerReason: 'MeterValuePeriodic', evse: { id: 1, connectorId: 1 },
        idToken: { idToken: 'T1', type: 'ISO14443' }, transactionInfo: { transactionId: 'tx-1', chargingState },
        meterValue: [{ timestamp: iso(minutes), sampledValue: [{ value: wh, context: seqNo === 0 ? 'Transaction.Begin' : eventType === 'Ended' ? 'Transaction.End' : 'Sample.Periodic' }] }],
      }, minutes),
      protocol: 'ocpp2.0.1',
    });
    const outputs = run(emptyPartitionMemory(), [
      event('Started', 0, 0, 1000, 'Charging'), event('Updated', 1, 20, 7000, 'SuspendedEV'), event('Ended', 2, 30, 7000, 'EVConnected'),
    ], evse).map((o) => o.output);
    const cdrs = outputs.flatMap((o) => o.billingEvents).filter((e) => e.type === 'CdrIssued');
    assert.equal(cdrs.length, 1);
    const [cdr] = cdrs;
    assert.ok(cdr?.type === 'CdrIssued');
    assert.deepEqual([cdr.kind, cdr.stationTransactionId, cdr.idTokenType, cdr.priced.energyWh], ['Final', 'tx-1', 'ISO14443', 6000]);
    assert.deepEqual([cdr.priced.chargingSeconds, cdr.priced.idleSeconds], [1200, 600], 'charging until SuspendedEV, idle after');
  });
});
