// What the sessions decider remembers per charge point: its open transactions, the ones it
// recently closed (so a resent StopTransaction changes nothing), and the business keys of
// recent starts (so a resent StartTransaction gets the same transactionId; DESIGN invariant 2).
// OCPP 2.0.1 transactions are kept apart, by the station's own id for them (station-transactions.ts).
import type { MeterValuesSampled, TransactionStarted, TransactionStopped, TransactionUpdated } from '@csms/contracts';
import { openedBy, sampledFor, stoppedBy, updatedBy, type StationTransaction } from './station-transactions.ts';

export const RECENT_STARTS_LIMIT = 100;
export const RECENT_STOPS_LIMIT = 100;

export type TransactionRecord =
  | {
    readonly phase: 'Active'; readonly transactionId: number; readonly connectorId: number;
    readonly idTag: string; readonly meterStartWh: number; readonly startedAt: number;
  }
  | { readonly phase: 'Stopped'; readonly transactionId: number };

export interface StartMemory {
  readonly key: string;
  readonly transactionId: number;
}

export interface SessionsState {
  /** OCPP 1.6 transactions. */
  readonly transactions: readonly TransactionRecord[];
  readonly recentStarts: readonly StartMemory[];
  /** OCPP 2.0.1 transactions: open ones, and the last RECENT_STOPS_LIMIT stopped. */
  readonly stationTransactions: readonly StationTransaction[];
}

export const initialSessionsState: SessionsState = { transactions: [], recentStarts: [], stationTransactions: [] };

/** A sessions state as a snapshot may hold it: one written before OCPP 2.0.1 has no stationTransactions. */
export type StoredSessionsState = Omit<SessionsState, 'stationTransactions'> & Partial<Pick<SessionsState, 'stationTransactions'>>;

/** Snapshot migration (snapshots.ts finishRestore): what a snapshot lacks takes its initial value. */
export function restoredSessionsState(stored: StoredSessionsState): SessionsState {
  const { stationTransactions } = stored;
  return stationTransactions === undefined ? { ...stored, stationTransactions: [] } : { ...stored, stationTransactions };
}

/** Never the OCPP messageId: stations change it when they resend. */
export function startKey(start: {
  readonly connectorId: number; readonly startedAt: number; readonly meterStartWh: number; readonly idTag: string;
}): string {
  return JSON.stringify([start.connectorId, start.startedAt, start.meterStartWh, start.idTag]);
}

export function findTransaction(state: SessionsState, transactionId: number): TransactionRecord | undefined {
  return state.transactions.find((tx) => tx.transactionId === transactionId);
}

function keepLast<T>(items: readonly T[], limit: number): readonly T[] {
  return items.length > limit ? items.slice(items.length - limit) : items;
}

/** Drops the oldest stopped transactions beyond the limit; open ones stay until stopped. */
function pruneStopped<T extends { readonly phase: 'Active' | 'Stopped' }>(transactions: readonly T[]): readonly T[] {
  let excess = transactions.filter((tx) => tx.phase === 'Stopped').length - RECENT_STOPS_LIMIT;
  if (excess <= 0) return transactions;
  return transactions.filter((tx) => {
    if (tx.phase !== 'Stopped' || excess <= 0) return true;
    excess -= 1;
    return false;
  });
}

export function withStarted(state: SessionsState, event: TransactionStarted): SessionsState {
  const active: TransactionRecord = {
    phase: 'Active', transactionId: event.transactionId, connectorId: event.connectorId,
    idTag: event.idTag, meterStartWh: event.meterStartWh, startedAt: event.startedAt,
  };
  return {
    ...state,
    transactions: [...state.transactions.filter((tx) => tx.transactionId !== event.transactionId), active],
    recentStarts: keepLast([...state.recentStarts, { key: startKey(event), transactionId: event.transactionId }], RECENT_STARTS_LIMIT),
  };
}

export function withStopped(state: SessionsState, event: TransactionStopped): SessionsState {
  const stopped: TransactionRecord = { phase: 'Stopped', transactionId: event.transactionId };
  const others = state.transactions.filter((tx) => tx.transactionId !== event.transactionId);
  return { ...state, transactions: pruneStopped([...others, stopped]) };
}

export function findStationTransaction(state: SessionsState, stationTransactionId: string): StationTransaction | undefined {
  return state.stationTransactions.find((tx) => tx.stationTransactionId === stationTransactionId);
}

function withStationTransaction(state: SessionsState, changed: StationTransaction): SessionsState {
  const others = state.stationTransactions.filter((tx) => tx.stationTransactionId !== changed.stationTransactionId);
  return { ...state, stationTransactions: pruneStopped([...others, changed]) };
}

/** The first fact of a 2.0.1 transaction, whatever event the CSMS saw first. */
export function withStationTransactionStarted(state: SessionsState, event: TransactionStarted, stationTransactionId: string): SessionsState {
  return withStationTransaction(state, openedBy(event, stationTransactionId));
}

export function withStationTransactionUpdated(state: SessionsState, event: TransactionUpdated): SessionsState {
  const tx = findStationTransaction(state, event.stationTransactionId);
  return tx === undefined ? state : withStationTransaction(state, updatedBy(tx, event));
}

export function withStationTransactionStopped(state: SessionsState, event: TransactionStopped, stationTransactionId: string): SessionsState {
  const tx = findStationTransaction(state, stationTransactionId);
  return tx === undefined ? state : withStationTransaction(state, stoppedBy(tx, event));
}

/** A 2.0.1 transaction's meter values tell its start and latest register readings; any other changes nothing. */
export function withSampled(state: SessionsState, event: MeterValuesSampled): SessionsState {
  const tx = event.transactionId === null ? undefined : state.stationTransactions.find((t) => t.transactionId === event.transactionId);
  if (tx === undefined) return state;
  const sampled = sampledFor(tx, event.samples);
  return sampled === tx ? state : withStationTransaction(state, sampled);
}
