import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TransactionStarted } from '@csms/contracts';
import { ocpp16Detail } from '@csms/contracts';
import { deciderSpec } from './decider-spec.ts';
import { sessionsDecider, type SessionsCommand, type SessionsDeciderEvent } from './sessions.ts';
import { RECENT_STARTS_LIMIT } from './sessions-state.ts';
import { AT, frame, idTag, idTagTable } from './fixtures.ts';

const spec = deciderSpec(sessionsDecider);
const idTags = idTagTable(idTag('T1'));
const STARTED = Date.parse('2025-01-01T09:00:00.000Z');

function start(overrides: { idTag?: string; messageId?: string; candidate?: number } = {}): SessionsCommand {
  return {
    type: 'StartTransaction', frame: frame({ messageId: overrides.messageId ?? 's1' }), idTags,
    payload: { connectorId: 1, idTag: overrides.idTag ?? 'T1', meterStart: 1000, timestamp: '2025-01-01T09:00:00.000Z' },
    transactionIdCandidate: overrides.candidate ?? 13,
  };
}

function started(transactionId = 13, tag = 'T1'): TransactionStarted {
  return {
    type: 'TransactionStarted', chargePointId: 'CP001', at: AT, transactionId, connectorId: 1, idTag: tag,
    idTagStatus: 'Accepted', meterStartWh: 1000, startedAt: STARTED, reservationId: null, ...ocpp16Detail.TransactionStarted,
  };
}

function reply(messageId: string, payload: object): SessionsDeciderEvent {
  return { type: 'Replied', chargePointId: 'CP001', at: AT, node: 2, connectionId: 'c1', messageId, body: { kind: 'CallResult', payload } };
}

function stop(overrides: { idTag?: string; transactionId?: number } = {}): SessionsCommand {
  return {
    type: 'StopTransaction', frame: frame({ messageId: 'e1' }), idTags,
    payload: {
      transactionId: overrides.transactionId ?? 13, meterStop: 3500, timestamp: '2025-01-01T09:30:00.000Z',
      ...(overrides.idTag !== undefined ? { idTag: overrides.idTag } : {}),
      transactionData: [{ timestamp: '2025-01-01T09:30:00.000Z', sampledValue: [{ value: '3500' }] }],
    },
  };
}

const endSample = {
  timestamp: Date.parse('2025-01-01T09:30:00.000Z'), value: '3500', measurand: 'Energy.Active.Import.Register',
  unit: 'Wh', context: 'Sample.Periodic', phase: null, location: null, format: 'Raw', ...ocpp16Detail.SampledValue,
};

describe('sessions decider: StartTransaction', () => {
  it('starts a transaction with the candidate id and replies with it', () => {
    spec.given([]).when(start()).then([started(), reply('s1', { transactionId: 13, idTagInfo: { status: 'Accepted' } })]);
  });

  it('answers a resent start (new messageId, same business key) with the same id and no new event', () => {
    spec.given([started()]).when(start({ messageId: 's2', candidate: 25 }))
      .then([reply('s2', { transactionId: 13, idTagInfo: { status: 'Accepted' } })]);
  });

  it('never refuses a start: an unknown tag gets a transactionId and Invalid idTagInfo', () => {
    spec.given([]).when(start({ idTag: 'NOPE' })).then([
      { ...started(13, 'NOPE'), idTagStatus: 'Invalid' },
      reply('s1', { transactionId: 13, idTagInfo: { status: 'Invalid' } }),
    ]);
  });

  it('remembers a bounded number of start keys', () => {
    const many = Array.from({ length: RECENT_STARTS_LIMIT + 5 }, (_, i) => ({ ...started(100 + i), meterStartWh: i }));
    spec.given(many).when(start()).thenState((state) => assert.equal(state.recentStarts.length, RECENT_STARTS_LIMIT));
  });
});

describe('sessions decider: MeterValues', () => {
  it('flattens samples with the OCPP 1.6 defaults and does not reply when the gateway did', () => {
    spec.given([started()]).when({
      type: 'MeterValues', frame: frame({ replyExpected: false }),
      payload: {
        connectorId: 1, transactionId: 13,
        meterValue: [{
          timestamp: '2025-01-01T09:30:00.000Z',
          sampledValue: [{ value: '3500' }, { value: '7.2', measurand: 'Power.Active.Import', unit: 'kW', phase: 'L1' }],
        }],
      },
    }).then([{
      type: 'MeterValuesSampled', chargePointId: 'CP001', at: AT, connectorId: 1, transactionId: 13,
      samples: [endSample, { ...endSample, value: '7.2', measurand: 'Power.Active.Import', unit: 'kW', phase: 'L1' }],
      ...ocpp16Detail.MeterValuesSampled,
    }]);
  });
});

describe('sessions decider: StopTransaction', () => {
  const stopped: SessionsDeciderEvent = {
    type: 'TransactionStopped', chargePointId: 'CP001', at: AT, transactionId: 13, connectorId: 1, idTag: 'T1',
    meterStopWh: 3500, stoppedAt: Date.parse('2025-01-01T09:30:00.000Z'), reason: 'Local', energyWh: 2500,
    durationSeconds: 1800, transactionData: [endSample], ...ocpp16Detail.TransactionStopped,
  };

  it('stops a known transaction with energy and duration', () => {
    spec.given([started()]).when(stop({ idTag: 'T1' }))
      .then([stopped, reply('e1', { idTagInfo: { status: 'Accepted' } })]);
  });

  it('replies {} when the stop carries no idTag', () => {
    spec.given([started()]).when(stop()).then([stopped, reply('e1', {})]);
  });

  it('answers a resent stop the same way without a second event', () => {
    spec.given([started(), stopped]).when(stop({ idTag: 'T1' })).then([reply('e1', { idTagInfo: { status: 'Accepted' } })]);
  });

  it('records a stop for an unknown transaction without energy, never refusing it', () => {
    spec.given([]).when(stop({ transactionId: 99 })).then([
      { ...stopped, transactionId: 99, connectorId: null, idTag: null, energyWh: null, durationSeconds: null },
      reply('e1', {}),
    ]);
  });

  it('a stopped transaction is no longer active', () => {
    spec.given([started()]).when(stop()).thenState((state) => {
      assert.deepEqual(state.transactions, [{ phase: 'Stopped', transactionId: 13 }]);
    });
  });
});
