// Billing per charge point: the running cost of each session and exactly one Final CDR when it
// stops, priced by contracts/src/billing from the session's facts and every version of the tariff
// it started under. Its commands come from the sessions decider's facts (workflow/policies.ts,
// sessions-are-billed) and from time passing (time-passes). A session whose start resolved no
// tariff is never seen here, so it gets no running cost and no CDR.
//
// Besides the billing topic's records, the decider emits notes (BillingNote): what it must
// remember of a fact, folded into its state and never published (record-output.ts counts the
// unpriced sessions and drops the rest).
import type {
  CdrIssued, ChargingState, MeterValuesSampled, SessionCostUpdated, Tariff, TransactionStarted, TransactionStopped, TransactionUpdated,
} from '@csms/contracts';
import type { Decider } from './decider.ts';
import type { Lookup, ProcessorSettings } from './context.ts';
import { meterReadings } from './meter-readings.ts';
import { beginReading } from './register-readings.ts';
import type { TariffChoice } from './tariff-resolution.ts';
import {
  findSession, initialBillingState, replaceSession, wasBilled, withBilled, withOpened, withUsage,
  type BillingState, type OpenSession, type UsageNote,
} from './billing-state.ts';
import { cdrIssued, costUpdated, priceOrNull, subjectOf, usageOf, versionsOf } from './billing-records.ts';

export type { BillingState } from './billing-state.ts';

/** What pricing needs beyond the session: the tariffs table and the operator's settings. */
export interface PricingInputs {
  readonly tariffs: Lookup<Tariff>;
  readonly settings: ProcessorSettings;
}

export type BillingCommand =
  | { readonly type: 'Start'; readonly started: TransactionStarted; readonly tariff: TariffChoice }
  | ({ readonly type: 'Sample'; readonly sampled: MeterValuesSampled } & PricingInputs)
  | { readonly type: 'Update'; readonly updated: TransactionUpdated }
  /** `tariff`: resolved from the stop itself, for a stop whose start the CSMS never saw; null otherwise. */
  | ({ readonly type: 'Stop'; readonly stopped: TransactionStopped; readonly tariff: TariffChoice | null } & PricingInputs)
  /** Any record for the station: record time has reached `at`. */
  | ({ readonly type: 'Observe'; readonly chargePointId: string; readonly at: number } & PricingInputs);

export type BillingNote =
  | { readonly type: 'BillingSessionOpened'; readonly session: OpenSession }
  | { readonly type: 'BillingUsageNoted'; readonly transactionId: number; readonly note: UsageNote }
  /**
   * The session stopped but its tariff cannot price it (record missing, no versions, mixed
   * currencies). Issuing a CDR with made-up prices would be billed as if true; instead nothing is
   * issued, the session is forgotten and counted (csms_processor_billing_sessions_unpriced_total),
   * so an operator can fix the tariff and re-rate from the sessions topic.
   */
  | { readonly type: 'BillingSessionUnpriced'; readonly transactionId: number; readonly tariffId: string }
  /**
   * The session went stale but its tariff cannot price it: no NO_STOP CDR, and the check is not
   * run again on every later record. The session stays open; its stop still gets the Final.
   */
  | { readonly type: 'BillingStaleSessionUnpriced'; readonly transactionId: number };

export type BillingDeciderEvent = SessionCostUpdated | CdrIssued | BillingNote;

const chargingStates: ReadonlySet<string> = new Set<ChargingState>(['Charging', 'SuspendedEV', 'SuspendedEVSE', 'EVConnected', 'Idle']);

function chargingStateAt(at: number, state: string | null): UsageNote['chargingState'] {
  return state !== null && chargingStates.has(state) ? { at, state: state as ChargingState } : null;
}

/**
 * A 2.0.1 start has no meterStart of its own: the sessions decider gives 0 when its event carried
 * no register reading. That 0 is read as unknown, so pricing measures from the readings rather
 * than billing a whole register.
 */
function meterStartOf(started: TransactionStarted): number | null {
  return started.stationTransactionId !== null && started.meterStartWh === 0 ? null : started.meterStartWh;
}

function opened(started: TransactionStarted, tariff: TariffChoice): OpenSession {
  return {
    transactionId: started.transactionId, stationTransactionId: started.stationTransactionId, tariffId: tariff.tariffId,
    groupIdToken: tariff.groupIdToken, idTag: started.idTag === '' ? null : started.idTag, idTokenType: started.idTokenType,
    connectorId: started.connectorId, startedAt: started.startedAt, meterStartWh: meterStartOf(started), readings: [],
    chargingStates: [chargingStateAt(started.startedAt, started.chargingState)].filter((c) => c !== null), lastCostAsOf: null, lastActivityAt: started.at, staleCdrIssued: false,
    // A start the station sent offline is late by design: its gap says nothing of the clock.
    receivedAt: started.offline ? [] : [{ stationAt: started.startedAt, receivedAt: started.at }],
  };
}

function start(command: Extract<BillingCommand, { type: 'Start' }>, state: BillingState): BillingDeciderEvent[] {
  const { started, tariff } = command;
  if (findSession(state, started.transactionId) !== undefined || wasBilled(state, started.transactionId)) return [];
  return [{ type: 'BillingSessionOpened', session: opened(started, tariff) }];
}

/**
 * Meter values of a billed session; its running cost, priced to the newest reading, at most once
 * per billingCostIntervalSeconds of station time. Receipt times are not taken from samples: a
 * MeterValues may carry readings taken long before it was sent (clock-aligned data, a queue).
 */
function sample(command: Extract<BillingCommand, { type: 'Sample' }>, state: BillingState): BillingDeciderEvent[] {
  const { sampled, tariffs, settings } = command;
  const session = sampled.transactionId === null ? undefined : findSession(state, sampled.transactionId);
  if (session === undefined) return [];
  const readings = meterReadings(sampled.samples);
  const note: UsageNote = { at: sampled.at, readings, chargingState: null, receipt: null };
  const noted: BillingNote = { type: 'BillingUsageNoted', transactionId: session.transactionId, note };
  const newest = readings.at(-1);
  if (newest === undefined) return [noted];
  // The session's newest reading once the note is in (both lists are in station-time order).
  const asOf = Math.max(session.readings.at(-1)?.at ?? newest.at, newest.at);
  if (session.lastCostAsOf !== null && asOf - session.lastCostAsOf < settings.billingCostIntervalSeconds * 1000) return [noted];
  const next = withUsage(session, note);
  const priced = priceOrNull(usageOf(next, null), versionsOf(tariffs, next.tariffId), { asOf, maxClockSkewMs: settings.billingMaxClockSkewMs });
  return priced === null ? [noted] : [noted, costUpdated(sampled.chargePointId, sampled.at, next, asOf, priced)];
}

function update(updated: TransactionUpdated, state: BillingState): BillingDeciderEvent[] {
  const session = findSession(state, updated.transactionId);
  if (session === undefined) return [];
  const note: UsageNote = {
    at: updated.at, readings: [], chargingState: chargingStateAt(updated.timestamp, updated.chargingState),
    receipt: updated.offline ? null : { stationAt: updated.timestamp, receivedAt: updated.at },
  };
  return [{ type: 'BillingUsageNoted', transactionId: session.transactionId, note }];
}

/** Its facts up to the stop, with the readings and the charging state the stop itself carries. */
function finalOf(session: OpenSession, stopped: TransactionStopped): OpenSession {
  return withUsage(session, {
    at: stopped.at, readings: meterReadings(stopped.transactionData), chargingState: chargingStateAt(stopped.stoppedAt, stopped.chargingState),
    receipt: stopped.offline ? null : { stationAt: stopped.stoppedAt, receivedAt: stopped.at },
  });
}

/** See meterStartOf: a 2.0.1 stop's 0 is the sessions decider finding no reading at all. */
function meterStopOf(stopped: TransactionStopped): number | null {
  return stopped.stationTransactionId !== null && stopped.meterStopWh === 0 ? null : stopped.meterStopWh;
}

function stopOpen(command: Extract<BillingCommand, { type: 'Stop' }>, session: OpenSession): BillingDeciderEvent[] {
  const { stopped, tariffs, settings } = command;
  const last = finalOf(session, stopped);
  const usage = usageOf(last, { stoppedAt: stopped.stoppedAt, meterStopWh: meterStopOf(stopped) });
  const priced = priceOrNull(usage, versionsOf(tariffs, session.tariffId), { asOf: stopped.stoppedAt, maxClockSkewMs: settings.billingMaxClockSkewMs });
  if (priced === null) return [{ type: 'BillingSessionUnpriced', transactionId: session.transactionId, tariffId: session.tariffId }];
  return [cdrIssued(subjectOf(stopped.chargePointId, last), stopped.at, 'Final', priced, null)];
}

/**
 * A stop whose start the CSMS never saw (1.6 StopTransaction for an unknown transaction): priced
 * from what it carries alone, its transactionData readings, as Provisional for an operator to
 * review. It starts at its first reading (else at the stop, billing energy only).
 */
function stopWithoutStart(command: Extract<BillingCommand, { type: 'Stop' }>, tariff: TariffChoice): BillingDeciderEvent[] {
  const { stopped, tariffs, settings } = command;
  const readings = meterReadings(stopped.transactionData);
  const startedAt = Math.min(readings[0]?.at ?? stopped.stoppedAt, stopped.stoppedAt);
  const usage = {
    startedAt, stoppedAt: stopped.stoppedAt, meterStartWh: beginReading(stopped.transactionData)?.wh ?? null, meterStopWh: stopped.meterStopWh,
    readings, chargingStates: [], receivedAt: stopped.offline ? [] : [{ stationAt: stopped.stoppedAt, receivedAt: stopped.at }],
  };
  const priced = priceOrNull(usage, versionsOf(tariffs, tariff.tariffId), { asOf: stopped.stoppedAt, maxClockSkewMs: settings.billingMaxClockSkewMs });
  if (priced === null) return [{ type: 'BillingSessionUnpriced', transactionId: stopped.transactionId, tariffId: tariff.tariffId }];
  const subject = {
    chargePointId: stopped.chargePointId, transactionId: stopped.transactionId, stationTransactionId: stopped.stationTransactionId,
    connectorId: stopped.connectorId, idTag: stopped.idTag, idTokenType: null, groupIdToken: tariff.groupIdToken, tariffId: tariff.tariffId,
  };
  return [cdrIssued(subject, stopped.at, 'Provisional', priced, 'STOP_WITHOUT_START')];
}

function stop(command: Extract<BillingCommand, { type: 'Stop' }>, state: BillingState): BillingDeciderEvent[] {
  const { stopped, tariff } = command;
  if (wasBilled(state, stopped.transactionId)) return [];
  const session = findSession(state, stopped.transactionId);
  if (session !== undefined) return stopOpen(command, session);
  return tariff === null ? [] : stopWithoutStart(command, tariff);
}

/**
 * A session that has heard nothing for billingStaleSessionHours of record time (a lost stop, a
 * station gone for good) gets one Provisional CDR priced to its last reading, flagged NO_STOP, and
 * stays open: its stop, if it ever comes, still gets the Final.
 */
function observe(command: Extract<BillingCommand, { type: 'Observe' }>, state: BillingState): BillingDeciderEvent[] {
  const { chargePointId, at, tariffs, settings } = command;
  const staleMs = settings.billingStaleSessionHours * 3_600_000;
  return state.sessions.flatMap((session): BillingDeciderEvent[] => {
    if (session.staleCdrIssued || at - session.lastActivityAt < staleMs) return [];
    const asOf = session.readings.at(-1)?.at ?? session.startedAt;
    const priced = priceOrNull(usageOf(session, null), versionsOf(tariffs, session.tariffId), { asOf, maxClockSkewMs: settings.billingMaxClockSkewMs });
    if (priced === null) return [{ type: 'BillingStaleSessionUnpriced', transactionId: session.transactionId }];
    return [cdrIssued(subjectOf(chargePointId, session), at, 'Provisional', priced, 'NO_STOP')];
  });
}

function decide(command: BillingCommand, state: BillingState): readonly BillingDeciderEvent[] {
  switch (command.type) {
    case 'Start':
      return start(command, state);
    case 'Sample':
      return sample(command, state);
    case 'Update':
      return update(command.updated, state);
    case 'Stop':
      return stop(command, state);
    case 'Observe':
      return observe(command, state);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

function evolveSession(state: BillingState, transactionId: number, change: (session: OpenSession) => OpenSession): BillingState {
  const session = findSession(state, transactionId);
  return session === undefined ? state : replaceSession(state, change(session));
}

function evolve(state: BillingState, event: BillingDeciderEvent): BillingState {
  switch (event.type) {
    case 'BillingSessionOpened':
      return withOpened(state, event.session);
    case 'BillingUsageNoted':
      return evolveSession(state, event.transactionId, (session) => withUsage(session, event.note));
    case 'BillingSessionUnpriced':
      return withBilled(state, event.transactionId);
    case 'BillingStaleSessionUnpriced':
      return evolveSession(state, event.transactionId, (session) => ({ ...session, staleCdrIssued: true }));
    case 'SessionCostUpdated':
      return evolveSession(state, event.transactionId, (session) => ({ ...session, lastCostAsOf: event.asOf }));
    case 'CdrIssued':
      if (event.kind === 'Provisional' && event.priced.flags.includes('NO_STOP')) {
        return evolveSession(state, event.transactionId, (session) => ({ ...session, staleCdrIssued: true }));
      }
      return withBilled(state, event.transactionId);
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export const billingDecider: Decider<BillingCommand, BillingDeciderEvent, BillingState> = {
  name: 'billing', initialState: initialBillingState, decide, evolve,
};
