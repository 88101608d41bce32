import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  MeterValuesSampled, Ocpp201, SampledValue, TransactionStarted, TransactionStopped, TransactionUpdated,
} from '@csms/contracts';
import { deciderSpec } from './decider-spec.ts';
import { runDecider } from './decider.ts';
import { sessionsDecider, type SessionsCommand, type SessionsDeciderEvent, type SessionsState } from './sessions.ts';
import { RECENT_STOPS_LIMIT } from './sessions-state.ts';
import type { TransactionEventCommand } from './transaction-event.ts';
import { AT, frame, idTag, idTagTable } from './fixtures.ts';

const spec = deciderSpec(sessionsDecider);
const idTags = idTagTable(idTag('T1'), idTag('RFID1', { idTokenType: 'ISO14443' }));
const TX = 'tx-7f3a';

const T0 = '2025-01-01T09:00:00.000Z';
const T1 = '2025-01-01T09:15:00.000Z';
const T2 = '2025-01-01T09:30:00.000Z';
const at = (text: string) => Date.parse(text);

type Payload = Ocpp201.TransactionEventRequest;
type EventType = Payload['eventType'];

/** One energy register reading (a bare number: Wh, Sample.Periodic by default). */
function register(value: number, timestamp: string, more: Partial<Ocpp201.SampledValueType> = {}): Ocpp201.MeterValueType {
  return { timestamp, sampledValue: [{ value, ...more }] };
}

const TRIGGERS: Readonly<Record<EventType, Payload['triggerReason']>> = {
  Started: 'Authorized', Updated: 'MeterValuePeriodic', Ended: 'StopAuthorized',
};
const TIMES: Readonly<Record<EventType, string>> = { Started: T0, Updated: T1, Ended: T2 };

function txEvent(
  eventType: EventType, seqNo: number, more: Partial<Payload> = {},
  options: { messageId?: string; candidate?: number; replyExpected?: boolean } = {},
): TransactionEventCommand {
  const { transactionInfo, ...rest } = more;
  return {
    type: 'TransactionEvent', frame: frame({ messageId: options.messageId ?? `m${seqNo}`, replyExpected: options.replyExpected ?? true }),
    idTags, transactionIdCandidate: options.candidate ?? 13,
    payload: {
      eventType, seqNo, timestamp: TIMES[eventType], triggerReason: TRIGGERS[eventType],
      transactionInfo: { transactionId: TX, ...transactionInfo }, ...rest,
    },
  };
}

const token = { idToken: 'T1', type: 'Local' } as const;
const evse = { id: 2, connectorId: 1 };
const startedEvent = (more: Partial<Payload> = {}) => txEvent('Started', 0, { evse, idToken: token, meterValue: [register(1000, T0, { context: 'Transaction.Begin' })], ...more });

function sample(value: string, timestamp: string, context = 'Sample.Periodic'): SampledValue {
  return {
    timestamp: at(timestamp), value, measurand: 'Energy.Active.Import.Register', unit: 'Wh', context, phase: null,
    location: null, format: null, signedMeterValue: null,
  };
}

function started(more: Partial<TransactionStarted> = {}): TransactionStarted {
  return {
    type: 'TransactionStarted', chargePointId: 'CP001', at: AT, transactionId: 13, connectorId: 2, evseConnectorId: 1,
    idTag: 'T1', idTokenType: 'Local', idTagStatus: 'Accepted', meterStartWh: 1000, startedAt: at(T0), reservationId: null,
    stationTransactionId: TX, seqNo: 0, triggerReason: 'Authorized', offline: false, remoteStartId: null, missingSeqNos: [], chargingState: null, ...more,
  };
}

function sampled(samples: SampledValue[], more: Partial<MeterValuesSampled> = {}): MeterValuesSampled {
  return { type: 'MeterValuesSampled', chargePointId: 'CP001', at: AT, connectorId: 2, evseConnectorId: 1, transactionId: 13, samples, ...more };
}

function updated(seqNo: number, more: Partial<TransactionUpdated> = {}): TransactionUpdated {
  return {
    type: 'TransactionUpdated', chargePointId: 'CP001', at: AT, transactionId: 13, stationTransactionId: TX, seqNo,
    triggerReason: 'MeterValuePeriodic', timestamp: at(T1), offline: false, chargingState: null, idTag: null, idTokenType: null,
    missingSeqNos: [], ...more,
  };
}

function stopped(seqNo: number, more: Partial<TransactionStopped> = {}): TransactionStopped {
  return {
    type: 'TransactionStopped', chargePointId: 'CP001', at: AT, transactionId: 13, connectorId: 2, idTag: 'T1',
    meterStopWh: 3500, stoppedAt: at(T2), reason: 'Local', energyWh: 2500, durationSeconds: 1800, transactionData: [],
    stationTransactionId: TX, seqNo, triggerReason: 'StopAuthorized', offline: false, missingSeqNos: [], chargingState: null, ...more,
  };
}

function reply(messageId: string, payload: object = {}): SessionsDeciderEvent {
  return { type: 'Replied', chargePointId: 'CP001', at: AT, node: 2, connectionId: 'c1', messageId, body: { kind: 'CallResult', payload } };
}

const accepted = { idTokenInfo: { status: 'Accepted' } };
const begin = sample('1000', T0, 'Transaction.Begin');
const afterStart: SessionsDeciderEvent[] = [started(), sampled([begin])];

/** The facts a station's messages lead to, one after the other, as the runtime runs them. */
function story(commands: readonly SessionsCommand[], from: SessionsState = sessionsDecider.initialState) {
  return commands.reduce<{ state: SessionsState; events: SessionsDeciderEvent[] }>((acc, command) => {
    const { events, state } = runDecider(sessionsDecider, command, acc.state);
    return { state, events: [...acc.events, ...events] };
  }, { state: from, events: [] });
}

describe('sessions decider: TransactionEvent Started (E01-E03)', () => {
  it('starts a transaction with the candidate id, the station\'s time and its start register, and answers with idTokenInfo', () => {
    spec.given([]).when(startedEvent({ transactionInfo: { transactionId: TX, remoteStartId: 5 }, reservationId: 9 }))
      .then([started({ remoteStartId: 5, reservationId: 9 }), sampled([begin]), reply('m0', accepted)]);
  });

  it('prefers the Transaction.Begin register, and converts kWh and the multiplier to Wh', () => {
    const meterValue: Payload['meterValue'] = [
      register(0.5, T0, { unitOfMeasure: { unit: 'kWh' } }),
      register(1.234, T0, { context: 'Transaction.Begin', unitOfMeasure: { unit: 'Wh', multiplier: 3 } }),
    ];
    spec.given([]).when(startedEvent({ meterValue })).thenState((state, events) => {
      assert.equal(events.find((e) => e.type === 'TransactionStarted')?.meterStartWh, 1234);
      assert.equal(state.stationTransactions[0]?.phase === 'Active' && state.stationTransactions[0].meterStartWh, 1234);
    });
  });

  it('starts one the station started on its own policy: no token, Accepted, an empty answer; no register, meterStart 0', () => {
    spec.given([]).when(txEvent('Started', 0, { triggerReason: 'CablePluggedIn' })).then([
      started({ connectorId: 0, evseConnectorId: null, idTag: '', idTokenType: null, meterStartWh: 0, triggerReason: 'CablePluggedIn' }),
      reply('m0'),
    ]);
  });

  it('never refuses a start: an unknown token, or one of another type, gets the transaction and an Invalid idTokenInfo', () => {
    spec.given([]).when(startedEvent({ idToken: { idToken: 'NOPE', type: 'ISO14443' } })).then([
      started({ idTag: 'NOPE', idTokenType: 'ISO14443', idTagStatus: 'Invalid' }), sampled([begin]),
      reply('m0', { idTokenInfo: { status: 'Invalid' } }),
    ]);
    spec.given([]).when(startedEvent({ idToken: { idToken: 'RFID1', type: 'eMAID' } })).thenState((_, events) => {
      assert.deepEqual(events.at(-1), reply('m0', { idTokenInfo: { status: 'Invalid' } }));
    });
  });

  it('takes a NoAuthorization token as no authorization needed: Accepted, not Invalid', () => {
    spec.given([]).when(startedEvent({ idToken: { idToken: '', type: 'NoAuthorization' } })).thenState((_, events) => {
      assert.equal(events.find((e) => e.type === 'TransactionStarted')?.idTagStatus, 'Accepted');
      assert.deepEqual(events.at(-1), reply('m0', accepted));
    });
  });

  it('falls back to the receive time only when the station\'s timestamp is unreadable', () => {
    spec.given([]).when(startedEvent({ timestamp: 'yesterday' })).thenState((_, events) => {
      assert.equal(events.find((e) => e.type === 'TransactionStarted')?.startedAt, AT);
    });
  });

  it('answers a resent Started (new messageId) the same way, without a second start or a second CSMS id', () => {
    spec.given(afterStart).when({ ...startedEvent(), transactionIdCandidate: 25, frame: frame({ messageId: 'again' }) })
      .then([reply('again', accepted)]);
  });

  it('allocates no second id after a crash: the state restored from its snapshot knows the transaction', () => {
    const { state } = story([startedEvent()]);
    const restored = JSON.parse(JSON.stringify(state)) as SessionsState;
    assert.deepEqual(sessionsDecider.decide({ ...startedEvent(), transactionIdCandidate: 25 }, restored), [reply('m0', accepted)]);
  });
});

describe('sessions decider: TransactionEvent Updated (E01, J02)', () => {
  it('records the update and its meter values on the transaction\'s EVSE', () => {
    spec.given(afterStart).when(txEvent('Updated', 1, {
      transactionInfo: { transactionId: TX, chargingState: 'Charging' }, meterValue: [register(2000, T1)],
    })).then([updated(1, { chargingState: 'Charging' }), sampled([sample('2000', T1)]), reply('m1')]);
  });

  it('carries a token presented after the start (triggerReason Authorized) and answers with its idTokenInfo', () => {
    spec.given([started({ idTag: '', idTokenType: null })]).when(txEvent('Updated', 1, { triggerReason: 'Authorized', idToken: token }))
      .then([updated(1, { triggerReason: 'Authorized', idTag: 'T1', idTokenType: 'Local' }), reply('m1', accepted)]);
  });

  it('answers a resent Updated without a second fact', () => {
    spec.given([...afterStart, updated(1)]).when(txEvent('Updated', 1, { meterValue: [register(2000, T1)] }, { messageId: 'again' }))
      .then([reply('again')]);
  });
});

describe('sessions decider: TransactionEvent Ended (E06-E09)', () => {
  const end = (seqNo: number, more: Partial<Payload> = {}) => txEvent('Ended', seqNo, { meterValue: [register(3500, T2, { context: 'Transaction.End' })], ...more });
  const endSample = sample('3500', T2, 'Transaction.End');

  it('stops the transaction: meterStop from Transaction.End, energy and duration by the station\'s clock, its meter values kept', () => {
    spec.given([...afterStart, updated(1)]).when(end(2, { transactionInfo: { transactionId: TX, stoppedReason: 'EVDisconnected' } }))
      .then([stopped(2, { reason: 'EVDisconnected', transactionData: [endSample] }), reply('m2')]);
  });

  it('takes the last register seen when the Ended has none (the start reading, when that is all there was)', () => {
    spec.given([...afterStart, updated(1), sampled([sample('2700', T1)])]).when(txEvent('Ended', 2))
      .then([stopped(2, { meterStopWh: 2700, energyWh: 1700 }), reply('m2')]);
    spec.given(afterStart).when(txEvent('Ended', 1)).then([stopped(1, { meterStopWh: 1000, energyWh: 0 }), reply('m1')]);
  });

  it('takes the start reading of an Ended that carries one when none was seen before', () => {
    const meterValue: Payload['meterValue'] = [
      register(1200, T0, { context: 'Transaction.Begin' }), register(3500, T2, { context: 'Transaction.End' }),
    ];
    spec.given([started({ meterStartWh: 0 })]).when(txEvent('Ended', 1, { meterValue })).thenState((_, events) => {
      assert.equal(events.find((e) => e.type === 'TransactionStopped')?.energyWh, 2300);
    });
  });

  it('counts the first register seen in an Updated as the start when the Started had none', () => {
    spec.given([started({ meterStartWh: 0 }), updated(1), sampled([sample('1500', T1)])]).when(end(2))
      .then([stopped(2, { energyWh: 2000, transactionData: [endSample] }), reply('m2')]);
  });

  it('bills nothing without a known start, nor when the stop reading is below the start', () => {
    spec.given([started({ meterStartWh: 0 })]).when(end(1))
      .then([stopped(1, { energyWh: null, transactionData: [endSample] }), reply('m1')]);
    spec.given(afterStart).when(end(1, { meterValue: [register(900, T2, { context: 'Transaction.End' })] }))
      .then([stopped(1, { meterStopWh: 900, energyWh: null, transactionData: [sample('900', T2, 'Transaction.End')] }), reply('m1')]);
  });

  it('names the token that stopped it, and answers with its idTokenInfo', () => {
    spec.given(afterStart).when(end(1, { idToken: { idToken: 'RFID1', type: 'ISO14443' } }))
      .then([stopped(1, { idTag: 'RFID1', transactionData: [endSample] }), reply('m1', accepted)]);
  });

  it('answers a resent Ended without a second stop', () => {
    spec.given([...afterStart, stopped(1)]).when(end(1, { idToken: token })).then([reply('m1', accepted)]);
  });
});

describe('sessions decider: TransactionEvent seqNos (E, DESIGN invariant 2)', () => {
  it('reports a gap on the event that reveals it and on later ones until it is filled', () => {
    const { events } = story([
      startedEvent(), txEvent('Updated', 3), txEvent('Updated', 4), txEvent('Updated', 1, {}, { messageId: 'late' }),
      txEvent('Ended', 5),
    ]);
    const gaps = events.flatMap((e) => ('missingSeqNos' in e ? [[e.seqNo, e.missingSeqNos]] : []));
    assert.deepEqual(gaps, [[0, []], [3, [1, 2]], [4, [1, 2]], [1, [2]], [5, [2]]]);
  });

  it('applies a late event once: its facts come out, a resend of it changes nothing', () => {
    const late = txEvent('Updated', 1, { meterValue: [register(1200, T1)] }, { messageId: 'late' });
    spec.given([...afterStart, updated(2, { missingSeqNos: [1] })]).when(late)
      .then([updated(1), sampled([sample('1200', T1)]), reply('late')]);
    spec.given([...afterStart, updated(2, { missingSeqNos: [1] }), updated(1)]).when(late).then([reply('late')]);
  });

  it('applies a late Updated after the Ended as an update, never a second stop', () => {
    spec.given([...afterStart, stopped(2, { missingSeqNos: [1] })]).when(txEvent('Updated', 1, { meterValue: [register(2000, T1)] }))
      .then([updated(1), sampled([sample('2000', T1)]), reply('m1')]);
  });
});

describe('sessions decider: TransactionEvent for a transaction the CSMS has not seen start (E11, E12)', () => {
  it('opens it from the first event seen, an Updated: its time, EVSE and token, and its register as the start', () => {
    spec.given([]).when(txEvent('Updated', 3, { evse, idToken: token, meterValue: [register(1800, T1)] })).then([
      started({ seqNo: 3, triggerReason: 'MeterValuePeriodic', startedAt: at(T1), meterStartWh: 1800, missingSeqNos: [0, 1, 2] }),
      sampled([sample('1800', T1)]), reply('m3', accepted),
    ]);
  });

  it('opens and stops it from an Ended seen first: no start reading or duration known, so none billed', () => {
    spec.given([]).when(txEvent('Ended', 4, { evse, meterValue: [register(3500, T2, { context: 'Transaction.End' })] })).then([
      started({ seqNo: 4, triggerReason: 'StopAuthorized', startedAt: at(T2), meterStartWh: 0, idTag: '', idTokenType: null, missingSeqNos: [0, 1, 2, 3] }),
      stopped(4, {
        idTag: null, energyWh: null, durationSeconds: null, missingSeqNos: [0, 1, 2, 3],
        transactionData: [sample('3500', T2, 'Transaction.End')],
      }),
      reply('m4'),
    ]);
  });

  it('applies a Started that comes after as a late update: no second start, and its Transaction.Begin register is the start', () => {
    const { events } = story([
      txEvent('Updated', 1, { evse, idToken: token, meterValue: [register(1800, T1)] }), startedEvent(),
      txEvent('Ended', 2, { meterValue: [register(3500, T2, { context: 'Transaction.End' })] }),
    ]);
    assert.deepEqual(events.filter((e) => e.type !== 'Replied').map((e) => e.type), [
      'TransactionStarted', 'MeterValuesSampled', 'TransactionUpdated', 'MeterValuesSampled', 'TransactionStopped',
    ]);
    const stop = events.find((e) => e.type === 'TransactionStopped');
    assert.deepEqual([stop?.energyWh, stop?.durationSeconds, stop?.missingSeqNos], [2500, 1800, []]);
  });

  it('keeps the station\'s timestamps for a transaction delivered after reconnect, in the order delivered', () => {
    const offline = { offline: true };
    const old = (text: string) => text.replace('2025-01-01', '2024-12-31');
    const { events } = story([
      startedEvent({ ...offline, timestamp: old(T0), meterValue: [register(1000, old(T0), { context: 'Transaction.Begin' })] }),
      txEvent('Updated', 1, { ...offline, timestamp: old(T1), meterValue: [register(2000, old(T1))] }),
      txEvent('Ended', 2, { ...offline, timestamp: old(T2), meterValue: [register(3500, old(T2), { context: 'Transaction.End' })] }),
    ]);
    const facts = events.filter((e) => e.type !== 'Replied' && e.type !== 'MeterValuesSampled');
    assert.deepEqual(facts.map((e) => [e.type, 'seqNo' in e ? e.seqNo : null, 'offline' in e ? e.offline : null]), [
      ['TransactionStarted', 0, true], ['TransactionUpdated', 1, true], ['TransactionStopped', 2, true],
    ]);
    const stop = events.find((e) => e.type === 'TransactionStopped');
    assert.deepEqual([stop?.stoppedAt, stop?.durationSeconds, stop?.energyWh, stop?.at], [at(old(T2)), 1800, 2500, AT]);
    assert.equal(events.find((e) => e.type === 'TransactionStarted')?.startedAt, at(old(T0)));
  });
});

describe('sessions decider: 2.0.1 MeterValues outside transactions (J01)', () => {
  it('records the EVSE\'s samples with no transaction, and does not reply when the gateway did', () => {
    const signedMeterValue = { signedMeterData: 'c2lnbmVk', signingMethod: 'ECDSA', encodingMethod: 'OCMF', publicKey: 'cHVi' };
    spec.given([]).when({
      type: 'EvseMeterValues', frame: frame({ replyExpected: false }),
      payload: { evseId: 0, meterValue: [{ timestamp: T1, sampledValue: [{ value: 42, unitOfMeasure: { unit: 'kWh' }, signedMeterValue }] }] },
    }).then([sampled([{ ...sample('42', T1), unit: 'kWh', signedMeterValue }], { connectorId: 0, evseConnectorId: null, transactionId: null })]);
  });

  it('replies {} when the gateway left it to the processor', () => {
    spec.given([]).when({ type: 'EvseMeterValues', frame: frame(), payload: { evseId: 1, meterValue: [register(1, T1)] } })
      .thenState((_, events) => assert.deepEqual(events.at(-1), reply('m1')));
  });
});

describe('sessions decider: memory of 2.0.1 transactions', () => {
  it('keeps the last RECENT_STOPS_LIMIT stopped transactions and every open one', () => {
    const many = Array.from({ length: RECENT_STOPS_LIMIT + 5 }, (_, i) => {
      const id = `tx-${i}`;
      return [started({ transactionId: 100 + i, stationTransactionId: id }), stopped(1, { transactionId: 100 + i, stationTransactionId: id })];
    }).flat();
    spec.given([...many, started()]).when(txEvent('Updated', 1)).thenState((state) => {
      assert.equal(state.stationTransactions.filter((tx) => tx.phase === 'Stopped').length, RECENT_STOPS_LIMIT);
      assert.ok(state.stationTransactions.some((tx) => tx.stationTransactionId === TX && tx.phase === 'Active'));
      assert.equal(state.stationTransactions.some((tx) => tx.stationTransactionId === 'tx-0'), false, 'the oldest stop is forgotten');
    });
  });

  it('leaves the state as it was for meter values of no 2.0.1 transaction (no snapshot for nothing)', () => {
    const { state } = story([startedEvent()]);
    assert.equal(sessionsDecider.evolve(state, sampled([sample('1', T1)], { transactionId: 99 })), state);
    assert.equal(sessionsDecider.evolve(state, sampled([sample('1', T1)], { transactionId: null, connectorId: 0 })), state);
    const earlier = sample('1', '2025-01-01T08:59:00.000Z');
    assert.equal(sessionsDecider.evolve(state, sampled([earlier])), state, 'an older reading than the last one changes nothing');
  });
});
