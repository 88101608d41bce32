// How a simulated station's transactions begin, run and end, on its model: each step updates the
// EVSE's meter and the running transactions and gives back the TransactionEvent to send, with the
// transaction's next seqNo. No I/O: the station decides when and how it is sent.
import { randomUUID } from 'node:crypto';
import type { Ocpp201 } from '@csms/contracts';
import { reservationOf, takeSeqNo, type RunningTransaction, type StationModel201 } from './station-model.ts';
import { transactionEnded, transactionStarted, transactionUpdated } from './transaction-events.ts';

type Event = Ocpp201.TransactionEventRequest;

export interface Opening {
  readonly evseId: number;
  readonly connectorId?: number;
  readonly idToken: Ocpp201.IdTokenType;
  readonly at: Date;
  /** The register at the start; the EVSE's meter by default. */
  readonly meterWh?: number;
  /** The station's id for it; a fresh UUID by default. */
  readonly transactionId?: string;
  readonly remoteStartId?: number;
  readonly triggerReason?: Ocpp201.TriggerReasonEnumType;
}

/** E01/F01: a transaction begins on an EVSE; a reservation the token holds there is used by it (H01). */
export function openTransaction(model: StationModel201, o: Opening): { transaction: RunningTransaction; event: Event } {
  const reservationId = reservationOf(model, o.idToken, o.evseId);
  if (reservationId !== undefined) model.reservations.delete(reservationId);
  const transaction: RunningTransaction = {
    transactionId: o.transactionId ?? randomUUID(), evseId: o.evseId, connectorId: o.connectorId ?? 1, idToken: o.idToken, nextSeqNo: 0,
    ...(o.remoteStartId === undefined ? {} : { remoteStartId: o.remoteStartId }),
    ...(reservationId === undefined ? {} : { reservationId }),
  };
  model.transactions.set(transaction.transactionId, transaction);
  const meterWh = o.meterWh ?? model.meterWh.get(o.evseId) ?? 0;
  model.meterWh.set(o.evseId, meterWh);
  const event = transactionStarted(transaction, {
    seqNo: takeSeqNo(transaction), timestamp: o.at.toISOString(), meterWh, idToken: o.idToken,
    ...(o.triggerReason === undefined ? {} : { triggerReason: o.triggerReason }),
    ...(o.remoteStartId === undefined ? {} : { remoteStartId: o.remoteStartId }),
    ...(reservationId === undefined ? {} : { reservationId }),
  });
  return { transaction, event };
}

export interface Sampling {
  readonly at: Date;
  /** The register now; the EVSE's meter by default. */
  readonly meterWh?: number;
  readonly powerW?: number;
  readonly triggerReason?: Ocpp201.TriggerReasonEnumType;
}

/** J02: a sample while it runs (periodic, or as a trigger asked). */
export function sampleTransaction(model: StationModel201, transaction: RunningTransaction, s: Sampling): Event {
  const meterWh = s.meterWh ?? model.meterWh.get(transaction.evseId) ?? 0;
  model.meterWh.set(transaction.evseId, meterWh);
  return transactionUpdated(transaction, {
    seqNo: takeSeqNo(transaction), timestamp: s.at.toISOString(), meterWh, chargingState: 'Charging',
    ...(s.powerW === undefined ? {} : { powerW: s.powerW }), ...(s.triggerReason === undefined ? {} : { triggerReason: s.triggerReason }),
  });
}

export interface Closing {
  readonly at: Date;
  readonly meterWh?: number;
  readonly stoppedReason: Ocpp201.ReasonEnumType;
  readonly triggerReason?: Ocpp201.TriggerReasonEnumType;
  readonly idToken?: Ocpp201.IdTokenType;
}

/** E06: it ends; the EVSE is free again. */
export function closeTransaction(model: StationModel201, transaction: RunningTransaction, c: Closing): Event {
  const meterWh = c.meterWh ?? model.meterWh.get(transaction.evseId) ?? 0;
  model.meterWh.set(transaction.evseId, meterWh);
  model.transactions.delete(transaction.transactionId);
  return transactionEnded(transaction, {
    seqNo: takeSeqNo(transaction), timestamp: c.at.toISOString(), meterWh, stoppedReason: c.stoppedReason,
    ...(c.triggerReason === undefined ? {} : { triggerReason: c.triggerReason }), ...(c.idToken === undefined ? {} : { idToken: c.idToken }),
  });
}
