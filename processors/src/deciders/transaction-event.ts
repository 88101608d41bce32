// OCPP 2.0.1 TransactionEvent (functional block E; its meter values J02) as the same facts a 1.6
// StartTransaction, MeterValues and StopTransaction become. The station numbers the transaction
// and its events (seqNo); the CSMS gives it its own number the first time it sees it.
//
// - The first event seen of a transaction opens it, whatever its eventType: the Started may be lost
//   or come late (a station that was offline delivers its queue, E12), and billing must not wait for it.
// - An event whose seqNo has been applied is a resend (new messageId): the same reply, no facts.
// - Any other event is applied; one below the highest seqNo is late and fills a gap, but only the
//   first Ended of an open transaction stops it: a late event never starts or stops one twice.
// - Transaction messages are never refused (DESIGN invariant 5): an unknown token gets a reply with
//   an Invalid idTokenInfo, which tells the station what to do (E05), and the facts are kept.
import type {
  IdTag, MeterValuesSampled, Ocpp201, SampledValue, SessionEvent, TransactionStarted, TransactionStopped, TransactionUpdated,
} from '@csms/contracts';
import { authorize, toOcpp201IdTokenInfo, type IdTagInfo } from './authorize.ts';
import { parseTimestamp, type FrameMeta, type Lookup } from './context.ts';
import { beginReading, startReading, stopReading } from './register-readings.ts';
import { replyWith, type Replied } from './reply.ts';
import { flattenOcpp201MeterValues } from './sampled-values.ts';
import { findStationTransaction, type SessionsState } from './sessions-state.ts';
import { hasArrived, missingSeqNos, seqNosFrom, withArrived } from './seq-nos.ts';
import { openedBy, type ActiveStationTransaction, type StationTransaction } from './station-transactions.ts';

export interface TransactionEventCommand {
  readonly type: 'TransactionEvent';
  readonly frame: FrameMeta;
  readonly payload: Ocpp201.TransactionEventRequest;
  readonly idTags: Lookup<IdTag>;
  /** The CSMS's number for the transaction if this event is the first the decider sees of it. */
  readonly transactionIdCandidate: number;
}

type Fact = SessionEvent | Replied;

/** A token of type NoAuthorization is the station saying none was needed (its own policy), like no token at all. */
function decisionOn(command: TransactionEventCommand): IdTagInfo | null {
  const { payload: { idToken }, idTags, frame } = command;
  if (idToken === undefined) return null;
  if (idToken.type === 'NoAuthorization') return { status: 'Accepted', expiryDate: null, parentIdTag: null };
  return authorize(idToken.idToken, idTags, frame.at, idToken.type);
}

function replyTo(command: TransactionEventCommand, decision: IdTagInfo | null): Replied[] {
  return replyWith(command.frame, decision === null ? {} : { idTokenInfo: toOcpp201IdTokenInfo(decision) });
}

function samplesOf(command: TransactionEventCommand): SampledValue[] {
  return flattenOcpp201MeterValues(command.payload.meterValue ?? [], command.frame.at);
}

/** The station's time of the event; the receive time only when it is unreadable. */
function stationTime(command: TransactionEventCommand): number {
  return parseTimestamp(command.payload.timestamp) ?? command.frame.at;
}

function meterValuesSampled(command: TransactionEventCommand, tx: StationTransaction): MeterValuesSampled[] {
  const { frame, payload: { evse } } = command;
  const samples = samplesOf(command);
  if (samples.length === 0) return [];
  return [{
    type: 'MeterValuesSampled', chargePointId: frame.chargePointId, at: frame.at, transactionId: tx.transactionId,
    connectorId: evse?.id ?? tx.connectorId, evseConnectorId: evse === undefined ? tx.evseConnectorId : evse.connectorId ?? null,
    samples,
  }];
}

function started(command: TransactionEventCommand, decision: IdTagInfo | null): TransactionStarted {
  const { frame, payload } = command;
  const samples = samplesOf(command);
  // An Ended's own readings other than its start reading may be its stop reading: not a start.
  const start = payload.eventType === 'Ended' ? beginReading(samples) : startReading(samples);
  return {
    type: 'TransactionStarted', chargePointId: frame.chargePointId, at: frame.at, transactionId: command.transactionIdCandidate,
    stationTransactionId: payload.transactionInfo.transactionId, connectorId: payload.evse?.id ?? 0,
    evseConnectorId: payload.evse?.connectorId ?? null, idTag: payload.idToken?.idToken ?? '',
    idTokenType: payload.idToken?.type ?? null, idTagStatus: decision?.status ?? 'Accepted', meterStartWh: start?.wh ?? 0,
    startedAt: stationTime(command), remoteStartId: payload.transactionInfo.remoteStartId ?? null,
    reservationId: payload.reservationId ?? null, seqNo: payload.seqNo, triggerReason: payload.triggerReason,
    offline: payload.offline ?? false, missingSeqNos: missingSeqNos(seqNosFrom(payload.seqNo)),
    chargingState: payload.transactionInfo.chargingState ?? null,
  };
}

function updated(command: TransactionEventCommand, tx: StationTransaction): TransactionUpdated {
  const { frame, payload } = command;
  return {
    type: 'TransactionUpdated', chargePointId: frame.chargePointId, at: frame.at, transactionId: tx.transactionId,
    stationTransactionId: tx.stationTransactionId, seqNo: payload.seqNo, triggerReason: payload.triggerReason,
    timestamp: stationTime(command), offline: payload.offline ?? false, chargingState: payload.transactionInfo.chargingState ?? null,
    idTag: payload.idToken?.idToken ?? null, idTokenType: payload.idToken?.type ?? null,
    missingSeqNos: missingSeqNos(withArrived(tx.seqNos, payload.seqNo)),
  };
}

/** Energy is billed only from a known start, and never negative: a meter that ran backwards or was replaced bills nothing. */
function energyWh(meterStartWh: number | null, meterStopWh: number): number | null {
  return meterStartWh !== null && meterStopWh >= meterStartWh ? meterStopWh - meterStartWh : null;
}

/** openedHere: this Ended is the first event seen of the transaction, so when it began is not known. */
function stopped(command: TransactionEventCommand, tx: ActiveStationTransaction, openedHere = false): TransactionStopped {
  const { frame, payload } = command;
  const samples = samplesOf(command);
  const meterStartWh = tx.meterStartWh ?? beginReading(samples)?.wh ?? null;
  const meterStopWh = stopReading(samples)?.wh ?? tx.lastReading?.wh ?? meterStartWh ?? 0;
  const stoppedAt = stationTime(command);
  const durationSeconds = Math.round((stoppedAt - tx.startedAt) / 1000);
  return {
    type: 'TransactionStopped', chargePointId: frame.chargePointId, at: frame.at, transactionId: tx.transactionId,
    connectorId: payload.evse?.id ?? tx.connectorId, idTag: payload.idToken?.idToken ?? (tx.idTag === '' ? null : tx.idTag),
    meterStopWh, stoppedAt, reason: payload.transactionInfo.stoppedReason ?? 'Local',
    energyWh: energyWh(meterStartWh, meterStopWh),
    // A station clock set back during the transaction gives no duration rather than a negative one.
    durationSeconds: openedHere || durationSeconds < 0 ? null : durationSeconds,
    transactionData: samples, stationTransactionId: tx.stationTransactionId, seqNo: payload.seqNo,
    triggerReason: payload.triggerReason, offline: payload.offline ?? false,
    missingSeqNos: missingSeqNos(withArrived(tx.seqNos, payload.seqNo)),
    chargingState: payload.transactionInfo.chargingState ?? null,
  };
}

/** The first event seen of a transaction starts it (and an Ended also stops it). */
function opening(command: TransactionEventCommand, decision: IdTagInfo | null): SessionEvent[] {
  const start = started(command, decision);
  const tx = openedBy(start, command.payload.transactionInfo.transactionId);
  if (command.payload.eventType === 'Ended') return [start, stopped(command, tx, true)];
  return [start, ...meterValuesSampled(command, tx)];
}

export function decideTransactionEvent(command: TransactionEventCommand, state: SessionsState): Fact[] {
  const { payload } = command;
  const decision = decisionOn(command);
  const reply = replyTo(command, decision);
  const tx = findStationTransaction(state, payload.transactionInfo.transactionId);
  if (tx === undefined) return [...opening(command, decision), ...reply];
  if (payload.eventType === 'Ended' && tx.phase === 'Active') return [stopped(command, tx), ...reply];
  if (hasArrived(tx.seqNos, payload.seqNo)) return reply;
  return [updated(command, tx), ...meterValuesSampled(command, tx), ...reply];
}
