// What the sessions decider keeps of one OCPP 2.0.1 transaction, which the station numbers itself
// (transactionInfo.transactionId, a string). Each transition here is what one fact says of it;
// sessions-state.ts keeps the list.
import type { SampledValue, TransactionStarted, TransactionStopped, TransactionUpdated } from '@csms/contracts';
import { beginReading, latestReading, startReading, type Reading } from './register-readings.ts';
import { seqNosFrom, withArrived, type SeqNos } from './seq-nos.ts';

interface Known {
  readonly stationTransactionId: string;
  /**
   * The CSMS's number for it, allocated once from the runtime's candidate: a Started resent after a
   * crash finds it here, since the snapshot is committed with the offsets it corresponds to.
   */
  readonly transactionId: number;
  /** The EVSE (domain connectorId) and the connector within it, as the first event named them. */
  readonly connectorId: number;
  readonly evseConnectorId: number | null;
  readonly seqNos: SeqNos;
}

export type StationTransaction =
  | Known & {
    readonly phase: 'Active';
    /** '' when no id token started it (the station's own policy). */
    readonly idTag: string;
    /** The earliest station time of its events seen so far: a late Started moves it back. */
    readonly startedAt: number;
    /** The start reading once known: a Transaction.Begin register, else the first register seen. */
    readonly meterStartWh: number | null;
    /** The latest register seen, by station time, for an Ended that carries none. */
    readonly lastReading: Reading | null;
  }
  | Known & { readonly phase: 'Stopped' };

export type ActiveStationTransaction = Extract<StationTransaction, { phase: 'Active' }>;

/** The TransactionStarted of a 2.0.1 transaction: its meter values (a MeterValuesSampled after it) tell the start reading. */
export function openedBy(event: TransactionStarted, stationTransactionId: string): ActiveStationTransaction {
  return {
    phase: 'Active', stationTransactionId, transactionId: event.transactionId, connectorId: event.connectorId,
    evseConnectorId: event.evseConnectorId, seqNos: seqNosFrom(event.seqNo ?? 0), idTag: event.idTag,
    startedAt: event.startedAt, meterStartWh: null, lastReading: null,
  };
}

export function updatedBy(tx: StationTransaction, event: TransactionUpdated): StationTransaction {
  const seqNos = withArrived(tx.seqNos, event.seqNo);
  if (tx.phase === 'Stopped') return { ...tx, seqNos };
  return { ...tx, seqNos, idTag: event.idTag ?? tx.idTag, startedAt: Math.min(tx.startedAt, event.timestamp) };
}

function later(kept: Reading | null, seen: Reading | null): Reading | null {
  if (seen === null) return kept;
  return kept === null || seen.at >= kept.at ? seen : kept;
}

/** Returns the same object when the samples hold no register reading that changes what is known. */
export function sampledFor(tx: StationTransaction, samples: readonly SampledValue[]): StationTransaction {
  if (tx.phase === 'Stopped') return tx;
  // The reading taken at the start is the start, even when it arrives late (a Started after an Updated).
  const meterStartWh = beginReading(samples)?.wh ?? tx.meterStartWh ?? startReading(samples)?.wh ?? null;
  const lastReading = later(tx.lastReading, latestReading(samples));
  if (meterStartWh === tx.meterStartWh && lastReading === tx.lastReading) return tx;
  return { ...tx, meterStartWh, lastReading };
}

export function stoppedBy(tx: StationTransaction, event: TransactionStopped): StationTransaction {
  const { stationTransactionId, transactionId, connectorId, evseConnectorId } = tx;
  const seqNos = event.seqNo === null ? tx.seqNos : withArrived(tx.seqNos, event.seqNo);
  return { phase: 'Stopped', stationTransactionId, transactionId, connectorId, evseConnectorId, seqNos };
}
