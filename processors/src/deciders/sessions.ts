// Transactions (OCPP 1.6 §4.8 StartTransaction, §4.7 MeterValues, §4.10 StopTransaction; OCPP 2.0.1
// E TransactionEvent in transaction-event.ts, J01 MeterValues).
// Transaction messages are never refused (DESIGN invariant 5): an Invalid idTag still gets a
// transactionId, and idTagInfo tells the station to stop; a stop for an unknown transaction
// is still recorded so no billing data is lost.
import type { IdTag, Ocpp16, Ocpp201, SessionEvent } from '@csms/contracts';
import { ocpp16Detail } from '@csms/contracts';
import type { Decider } from './decider.ts';
import { parseTimestamp, type FrameMeta, type Lookup } from './context.ts';
import { authorize, toOcppIdTagInfo } from './authorize.ts';
import { flattenMeterValues, flattenOcpp201MeterValues } from './sampled-values.ts';
import { replyWith, type Replied } from './reply.ts';
import {
  findTransaction, initialSessionsState, startKey, withSampled, withStarted, withStationTransactionStarted,
  withStationTransactionStopped, withStationTransactionUpdated, withStopped, type SessionsState,
} from './sessions-state.ts';
import { decideTransactionEvent, type TransactionEventCommand } from './transaction-event.ts';

export type SessionsCommand =
  | {
    readonly type: 'StartTransaction'; readonly frame: FrameMeta; readonly payload: Ocpp16.StartTransactionRequest;
    readonly idTags: Lookup<IdTag>;
    /** The id this start gets if it is new; unique across partitions, chosen by the runtime. */
    readonly transactionIdCandidate: number;
  }
  | { readonly type: 'MeterValues'; readonly frame: FrameMeta; readonly payload: Ocpp16.MeterValuesRequest }
  | {
    readonly type: 'StopTransaction'; readonly frame: FrameMeta; readonly payload: Ocpp16.StopTransactionRequest;
    readonly idTags: Lookup<IdTag>;
  }
  // OCPP 2.0.1 E (transactions) and J (meter values outside transactions).
  | TransactionEventCommand
  | { readonly type: 'EvseMeterValues'; readonly frame: FrameMeta; readonly payload: Ocpp201.MeterValuesRequest };

export type SessionsDeciderEvent = SessionEvent | Replied;
export type { SessionsState } from './sessions-state.ts';

type Command<T extends SessionsCommand['type']> = Extract<SessionsCommand, { type: T }>;

function startTransaction(command: Command<'StartTransaction'>, state: SessionsState): SessionsDeciderEvent[] {
  const { frame, payload, idTags } = command;
  const start = {
    connectorId: payload.connectorId, idTag: payload.idTag, meterStartWh: payload.meterStart,
    // A start without a readable clock falls back to the receive time; the gateway validates date-time.
    startedAt: parseTimestamp(payload.timestamp) ?? frame.at,
  };
  const info = authorize(payload.idTag, idTags, frame.at);
  const key = startKey(start);
  const seen = state.recentStarts.find((memory) => memory.key === key);
  const transactionId = seen?.transactionId ?? command.transactionIdCandidate;
  const reply = replyWith(frame, { transactionId, idTagInfo: toOcppIdTagInfo(info) });
  if (seen !== undefined) return reply;
  return [
    {
      type: 'TransactionStarted', chargePointId: frame.chargePointId, at: frame.at, transactionId,
      ...start, idTagStatus: info.status, reservationId: payload.reservationId ?? null, ...ocpp16Detail.TransactionStarted,
    },
    ...reply,
  ];
}

function stopReply(command: Command<'StopTransaction'>): Replied[] {
  const { frame, payload, idTags } = command;
  if (payload.idTag === undefined) return replyWith(frame, {});
  return replyWith(frame, { idTagInfo: toOcppIdTagInfo(authorize(payload.idTag, idTags, frame.at)) });
}

function stopTransaction(command: Command<'StopTransaction'>, state: SessionsState): SessionsDeciderEvent[] {
  const { frame, payload } = command;
  const known = findTransaction(state, payload.transactionId);
  if (known?.phase === 'Stopped') return stopReply(command);
  const stoppedAt = parseTimestamp(payload.timestamp) ?? frame.at;
  const active = known?.phase === 'Active' ? known : null;
  return [
    {
      type: 'TransactionStopped', chargePointId: frame.chargePointId, at: frame.at,
      transactionId: payload.transactionId, connectorId: active?.connectorId ?? null,
      idTag: payload.idTag ?? active?.idTag ?? null, meterStopWh: payload.meterStop, stoppedAt,
      reason: payload.reason ?? 'Local',
      energyWh: active === null ? null : payload.meterStop - active.meterStartWh,
      durationSeconds: active === null ? null : Math.round((stoppedAt - active.startedAt) / 1000),
      transactionData: flattenMeterValues(payload.transactionData ?? [], frame.at), ...ocpp16Detail.TransactionStopped,
    },
    ...stopReply(command),
  ];
}

function decide(command: SessionsCommand, state: SessionsState): readonly SessionsDeciderEvent[] {
  switch (command.type) {
    case 'StartTransaction':
      return startTransaction(command, state);
    case 'MeterValues': {
      const { frame, payload } = command;
      return [
        {
          type: 'MeterValuesSampled', chargePointId: frame.chargePointId, at: frame.at, connectorId: payload.connectorId,
          transactionId: payload.transactionId ?? null, samples: flattenMeterValues(payload.meterValue, frame.at),
          ...ocpp16Detail.MeterValuesSampled,
        },
        ...replyWith(frame, {}),
      ];
    }
    case 'StopTransaction':
      return stopTransaction(command, state);
    case 'TransactionEvent':
      return decideTransactionEvent(command, state);
    case 'EvseMeterValues': {
      // J01: meter values of an EVSE (0: the station's main meter), outside any transaction.
      const { frame, payload } = command;
      return [
        {
          type: 'MeterValuesSampled', chargePointId: frame.chargePointId, at: frame.at, connectorId: payload.evseId,
          evseConnectorId: null, transactionId: null, samples: flattenOcpp201MeterValues(payload.meterValue, frame.at),
        },
        ...replyWith(frame, {}),
      ];
    }
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

function evolve(state: SessionsState, event: SessionsDeciderEvent): SessionsState {
  switch (event.type) {
    case 'TransactionStarted':
      return event.stationTransactionId === null
        ? withStarted(state, event) : withStationTransactionStarted(state, event, event.stationTransactionId);
    case 'TransactionStopped':
      return event.stationTransactionId === null
        ? withStopped(state, event) : withStationTransactionStopped(state, event, event.stationTransactionId);
    case 'TransactionUpdated':
      return withStationTransactionUpdated(state, event);
    case 'MeterValuesSampled':
      return withSampled(state, event);
    case 'AuthorizationDecided':
    case 'Replied':
      return state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export const sessionsDecider: Decider<SessionsCommand, SessionsDeciderEvent, SessionsState> = {
  name: 'sessions', initialState: initialSessionsState, decide, evolve,
};
