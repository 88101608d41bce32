// What the sessions decider remembers per charge point: its open transactions, the ones it
// recently closed (so a resent StopTransaction changes nothing), and the business keys of
// recent starts (so a resent StartTransaction gets the same transactionId; DESIGN invariant 2).
import type { TransactionStarted, TransactionStopped } from '@csms/contracts';

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
  readonly transactions: readonly TransactionRecord[];
  readonly recentStarts: readonly StartMemory[];
}

export const initialSessionsState: SessionsState = { transactions: [], recentStarts: [] };

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
function pruneStopped(transactions: readonly TransactionRecord[]): readonly TransactionRecord[] {
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
    transactions: [...state.transactions.filter((tx) => tx.transactionId !== event.transactionId), active],
    recentStarts: keepLast([...state.recentStarts, { key: startKey(event), transactionId: event.transactionId }], RECENT_STARTS_LIMIT),
  };
}

export function withStopped(state: SessionsState, event: TransactionStopped): SessionsState {
  const stopped: TransactionRecord = { phase: 'Stopped', transactionId: event.transactionId };
  const others = state.transactions.filter((tx) => tx.transactionId !== event.transactionId);
  return { ...state, transactions: pruneStopped([...others, stopped]) };
}
