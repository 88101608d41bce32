import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyOverlay, createOverlay, emptyPartitionMemory } from './partition-memory.ts';
import { finishRestore, restoreSnapshot, snapshotsOf } from './snapshots.ts';
import { readState } from './partition-memory.ts';
import { processRecord } from './process-record.ts';
import { frame, settings } from './deciders/fixtures.ts';
import { runDecider } from './deciders/decider.ts';
import { sessionsDecider } from './deciders/sessions.ts';

describe('snapshots of the next offsets', () => {
  it('are written when a batch moves the offset and restored by the partition\'s next owner', () => {
    const memory = emptyPartitionMemory();
    const overlay = createOverlay(memory);
    overlay.nextOffsets.inbound = 9_007_199_254_740_993n;
    const snapshots = snapshotsOf(overlay);
    assert.deepEqual(snapshots.map((s) => s.key), ['offset:inbound']);
    const restored = emptyPartitionMemory();
    for (const snapshot of snapshots) restoreSnapshot(restored, snapshot.key, snapshot.value);
    assert.equal(restored.nextOffsets.inbound, 9_007_199_254_740_993n, 'beyond 2^53 without rounding');
    applyOverlay(overlay);
    assert.equal(memory.nextOffsets.inbound, 9_007_199_254_740_993n);
    assert.deepEqual(snapshotsOf(createOverlay(memory)), [], 'nothing moved, nothing written');
  });

  it('keeps one offset per source topic', () => {
    const memory = emptyPartitionMemory();
    const overlay = createOverlay(memory);
    overlay.nextOffsets.commandRequests = 7n;
    const snapshots = snapshotsOf(overlay);
    assert.deepEqual(snapshots.map((s) => s.key), ['offset:commandRequests']);
    const restored = emptyPartitionMemory();
    for (const snapshot of snapshots) restoreSnapshot(restored, snapshot.key, snapshot.value);
    assert.deepEqual(restored.nextOffsets, { inbound: 0n, commandRequests: 7n });
    restoreSnapshot(restored, 'offset:elsewhere', snapshots[0]?.value ?? null);
    assert.deepEqual(restored.nextOffsets, { inbound: 0n, commandRequests: 7n }, 'an unknown topic is ignored');
    assert.equal(memory.nextOffsets.commandRequests, 0n, 'memory moves only when the overlay is applied');
  });
});

describe('snapshot migration: reservations kept by the commands state before they had a decider', () => {
  // A commands snapshot as written before the reservations decider existed: the active reservations inside.
  const legacyCommands = {
    decider: 'commands', key: 'CP001',
    state: '{"pending":[],"reservations":[{"reservationId":9,"expiryDate":1735732800000}]}',
  };

  it('seeds the reservations state from the legacy copy, so the reservation still expires after an upgrade', () => {
    const memory = emptyPartitionMemory();
    restoreSnapshot(memory, 'commands:CP001', legacyCommands);
    finishRestore(memory);
    assert.deepEqual(memory.states.reservations.get('CP001'), { reservations: [{ reservationId: 9, expiryDate: Date.parse('2025-01-01T12:00:00Z') }] });
    const overlay = createOverlay(memory);
    const context = { partition: 0, settings: settings(), tables: { idTags: new Map(), chargePoints: new Map(), tariffs: new Map(), tariffAssignments: new Map() } };
    const heartbeat = {
      type: 'Frame', chargePointId: 'CP001', node: 1, connectionId: 'c1', at: Date.parse('2025-01-01T12:00:01Z'), protocol: 'ocpp1.6',
      raw: '[2,"m1","Heartbeat",{}]', messageTypeId: 2, messageId: 'm1', action: 'Heartbeat', payload: '{}', rejection: null,
      repliedByGateway: false, rawTruncated: null,
    } as const;
    const output = processRecord({ source: 'inbound', record: heartbeat }, overlay, context);
    assert.deepEqual(output.stationEvents.filter((e) => e.type === 'ReservationEnded'), [{
      type: 'ReservationEnded', chargePointId: 'CP001', at: heartbeat.at, reservationId: 9, reason: 'Expired', transactionId: null,
    }]);
    assert.deepEqual(readState(overlay, 'reservations', 'CP001'), { reservations: [] });
    assert.ok(snapshotsOf(overlay).some((s) => s.key === 'reservations:CP001'), 'the ended reservation is snapshotted, so the legacy copy is stale from now on');
  });

  it('lets a reservations snapshot win over the legacy copy, in whichever order the two were read', () => {
    for (const order of [['commands', 'reservations'], ['reservations', 'commands']]) {
      const memory = emptyPartitionMemory();
      for (const decider of order) {
        if (decider === 'commands') restoreSnapshot(memory, 'commands:CP001', legacyCommands);
        else restoreSnapshot(memory, 'reservations:CP001', { decider: 'reservations', key: 'CP001', state: '{"reservations":[]}' });
      }
      finishRestore(memory);
      assert.deepEqual(memory.states.reservations.get('CP001'), { reservations: [] }, order.join(' then '));
    }
  });

  it('seeds nothing for a commands state without reservations', () => {
    const memory = emptyPartitionMemory();
    restoreSnapshot(memory, 'commands:CP001', { decider: 'commands', key: 'CP001', state: '{"pending":[],"reservations":[]}' });
    restoreSnapshot(memory, 'commands:CP002', { decider: 'commands', key: 'CP002', state: '{"pending":[]}' });
    finishRestore(memory);
    assert.equal(memory.states.reservations.size, 0);
  });
});

describe('snapshot migration: sessions states written before OCPP 2.0.1', () => {
  // A sessions snapshot as written before 2.0.1 transactions were kept: an open 1.6 transaction.
  const legacySessions = {
    decider: 'sessions', key: 'CP001',
    state: JSON.stringify({
      transactions: [{ phase: 'Active', transactionId: 13, connectorId: 1, idTag: 'T1', meterStartWh: 1000, startedAt: 1735722000000 }],
      recentStarts: [{ key: '[1,1735722000000,1000,"T1"]', transactionId: 13 }],
    }),
  };

  it('restores with no 2.0.1 transactions, and the open 1.6 transaction still stops with its energy', () => {
    const memory = emptyPartitionMemory();
    restoreSnapshot(memory, 'sessions:CP001', legacySessions);
    finishRestore(memory);
    const state = memory.states.sessions.get('CP001');
    assert.deepEqual(state, { ...JSON.parse(legacySessions.state), stationTransactions: [] });
    const stop = sessionsDecider.decide({
      type: 'StopTransaction', frame: frame(), idTags: new Map(),
      payload: { transactionId: 13, meterStop: 3500, timestamp: '2025-01-01T09:30:00.000Z' },
    }, state ?? sessionsDecider.initialState);
    assert.equal(stop.find((e) => e.type === 'TransactionStopped')?.energyWh, 2500);
  });

  it('lets a restored state take a 2.0.1 transaction', () => {
    const memory = emptyPartitionMemory();
    restoreSnapshot(memory, 'sessions:CP001', legacySessions);
    finishRestore(memory);
    const { state } = runDecider(sessionsDecider, {
      type: 'TransactionEvent', frame: frame(), idTags: new Map(), transactionIdCandidate: 14,
      payload: { eventType: 'Started', seqNo: 0, timestamp: '2025-01-01T09:40:00.000Z', triggerReason: 'CablePluggedIn', transactionInfo: { transactionId: 'tx-1' } },
    }, memory.states.sessions.get('CP001') ?? sessionsDecider.initialState);
    assert.deepEqual(state.stationTransactions.map((tx) => [tx.stationTransactionId, tx.transactionId]), [['tx-1', 14]]);
    assert.equal(state.transactions.length, 1, 'the 1.6 transaction is still open');
  });

  it('keeps a state written since as it was', () => {
    const memory = emptyPartitionMemory();
    const { state } = runDecider(sessionsDecider, {
      type: 'TransactionEvent', frame: frame(), idTags: new Map(), transactionIdCandidate: 14,
      payload: { eventType: 'Updated', seqNo: 3, timestamp: '2025-01-01T09:40:00.000Z', triggerReason: 'MeterValuePeriodic', transactionInfo: { transactionId: 'tx-1' } },
    }, sessionsDecider.initialState);
    restoreSnapshot(memory, 'sessions:CP001', { decider: 'sessions', key: 'CP001', state: JSON.stringify(state) });
    finishRestore(memory);
    assert.deepEqual(memory.states.sessions.get('CP001'), state);
  });
});
