// What the billing decider remembers per charge point: the sessions it bills that have not stopped,
// with the facts pricing reads (contracts/src/billing/usage.ts), and the transactions it recently
// billed, so a replayed or resent stop bills nothing twice (DESIGN invariant 2). Snapshotted as
// `billing:<chargePointId>`; plain JSON values only, so a snapshot round-trips.
import type { ChargingStateChange, MeterReading, ReceiptTime } from '@csms/contracts';

/**
 * A session with a sample every 30 s runs 16 hours before it reaches this. Beyond it every other
 * reading goes (the first and the newest stay), so a snapshot stays far below a Kafka record's
 * limit; what is lost is resolution for power and time restrictions, never energy, which the stop's
 * meterStop settles.
 */
export const MAX_READINGS = 2000;
export const MAX_CHARGING_STATES = 200;
export const RECENT_BILLED_LIMIT = 100;

export interface OpenSession {
  readonly transactionId: number;
  readonly stationTransactionId: string | null;
  readonly tariffId: string;
  readonly groupIdToken: string | null;
  /** Null for a 2.0.1 transaction started without a token. */
  readonly idTag: string | null;
  readonly idTokenType: string | null;
  readonly connectorId: number;
  readonly startedAt: number;
  readonly meterStartWh: number | null;
  /** In station-time order, bounded by MAX_READINGS. */
  readonly readings: readonly MeterReading[];
  /** Changes only, in station-time order. */
  readonly chargingStates: readonly ChargingStateChange[];
  /**
   * Only the receipt whose clock gap is the widest: pricing flags CLOCK_SKEW when any gap exceeds
   * the limit, so the widest alone decides it and the list never grows.
   */
  readonly receivedAt: readonly ReceiptTime[];
  /** Station time of the last running cost published; null before the first. */
  readonly lastCostAsOf: number | null;
  /** Record time (`at`) of the session's newest fact: a stale session is measured from here. */
  readonly lastActivityAt: number;
  /**
   * The session's stale check is done: a Provisional CDR flagged NO_STOP was issued, or its tariff
   * could not price one. Either way the Final still follows its stop.
   */
  readonly staleCdrIssued: boolean;
}

export interface BillingState {
  readonly sessions: readonly OpenSession[];
  /** Transaction ids billed (or found unpriceable) lately, oldest first. */
  readonly billed: readonly number[];
}

export const initialBillingState: BillingState = { sessions: [], billed: [] };

/** What a fact adds to an open session. */
export interface UsageNote {
  readonly at: number;
  readonly readings: readonly MeterReading[];
  readonly chargingState: ChargingStateChange | null;
  readonly receipt: ReceiptTime | null;
}

export function findSession(state: BillingState, transactionId: number): OpenSession | undefined {
  return state.sessions.find((session) => session.transactionId === transactionId);
}

export function wasBilled(state: BillingState, transactionId: number): boolean {
  return state.billed.includes(transactionId);
}

/** Keeps the first and the newest, and every other one between. */
export function thinned<T>(items: readonly T[], limit: number): readonly T[] {
  if (items.length <= limit) return items;
  return items.filter((_, index) => index % 2 === 0 || index === items.length - 1);
}

function byTime<T extends { readonly at: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.at - b.at);
}

function withChargingState(changes: readonly ChargingStateChange[], change: ChargingStateChange | null): readonly ChargingStateChange[] {
  if (change === null) return changes;
  const ordered = byTime([...changes, change]);
  const kept = ordered.filter((c, index) => index === 0 || ordered[index - 1]?.state !== c.state);
  return thinned(kept, MAX_CHARGING_STATES);
}

function gap(receipt: ReceiptTime): number {
  return Math.abs(receipt.receivedAt - receipt.stationAt);
}

function widest(receipts: readonly ReceiptTime[], receipt: ReceiptTime | null): readonly ReceiptTime[] {
  const all = receipt === null ? receipts : [...receipts, receipt];
  const worst = all.reduce<ReceiptTime | null>((best, r) => (best === null || gap(r) > gap(best) ? r : best), null);
  return worst === null ? [] : [worst];
}

function inOrder(items: readonly { readonly at: number }[]): boolean {
  return items.every((item, index) => index === 0 || (items[index - 1]?.at ?? item.at) <= item.at);
}

/** A sample's readings mostly come after the newest kept: then they are appended, else all are sorted again. */
function withReadings(readings: readonly MeterReading[], added: readonly MeterReading[]): readonly MeterReading[] {
  if (added.length === 0) return readings;
  const last = readings.at(-1);
  const after = inOrder(added) && (last === undefined || (added[0]?.at ?? last.at) >= last.at);
  return thinned(after ? [...readings, ...added] : byTime([...readings, ...added]), MAX_READINGS);
}

export function withUsage(session: OpenSession, note: UsageNote): OpenSession {
  return {
    ...session,
    readings: withReadings(session.readings, note.readings),
    chargingStates: withChargingState(session.chargingStates, note.chargingState),
    receivedAt: widest(session.receivedAt, note.receipt),
    lastActivityAt: Math.max(session.lastActivityAt, note.at),
  };
}

export function replaceSession(state: BillingState, session: OpenSession): BillingState {
  return { ...state, sessions: state.sessions.map((s) => (s.transactionId === session.transactionId ? session : s)) };
}

export function withOpened(state: BillingState, session: OpenSession): BillingState {
  if (findSession(state, session.transactionId) !== undefined || wasBilled(state, session.transactionId)) return state;
  return { ...state, sessions: [...state.sessions, session] };
}

/** The session is done with: forgotten, and remembered as billed so it is never billed again. */
export function withBilled(state: BillingState, transactionId: number): BillingState {
  const billed = [...state.billed.filter((id) => id !== transactionId), transactionId];
  return {
    ...state,
    sessions: state.sessions.filter((s) => s.transactionId !== transactionId),
    billed: billed.length > RECENT_BILLED_LIMIT ? billed.slice(billed.length - RECENT_BILLED_LIMIT) : billed,
  };
}
