// What one source record produced, sorted by where it goes: frames for the gateway (replies
// and CSMS calls, on ocpp.outbound) and facts for csms.stations, csms.sessions, csms.commands,
// csms.security, csms.billing.
import type { CdrIssued, CommandEvent, SecurityRecord, SessionCostUpdated, SessionEvent, StationEvent } from '@csms/contracts';
import type { Replied } from './deciders/reply.ts';
import type { OutboundCall } from './deciders/commands.ts';
import type { BillingNote } from './deciders/billing.ts';
import type { CostDisplayNoted } from './deciders/cost-display.ts';

/** What the billing decider publishes; CdrCredited is a re-rating's, never a processor's. */
export type BillingRecord = SessionCostUpdated | CdrIssued;

export type ProcessorEvent = StationEvent | SessionEvent | CommandEvent | SecurityRecord | BillingRecord | BillingNote | CostDisplayNoted | Replied | OutboundCall;

type SessionUnpriced = Extract<BillingNote, { type: 'BillingSessionUnpriced' }>;

export interface RecordOutput {
  readonly replies: readonly Replied[];
  readonly calls: readonly OutboundCall[];
  readonly stationEvents: readonly StationEvent[];
  readonly sessionEvents: readonly SessionEvent[];
  readonly commandEvents: readonly CommandEvent[];
  readonly securityEvents: readonly SecurityRecord[];
  readonly billingEvents: readonly BillingRecord[];
  /** Published nowhere: counted (csms_processor_billing_sessions_unpriced_total) for an operator to fix the tariff. */
  readonly unpricedSessions: readonly SessionUnpriced[];
}

interface Sorted {
  readonly replies: Replied[];
  readonly calls: OutboundCall[];
  readonly stationEvents: StationEvent[];
  readonly sessionEvents: SessionEvent[];
  readonly commandEvents: CommandEvent[];
  readonly securityEvents: SecurityRecord[];
  readonly billingEvents: BillingRecord[];
  readonly unpricedSessions: SessionUnpriced[];
}

function sortInto(sorted: Sorted, event: ProcessorEvent): void {
  switch (event.type) {
    case 'Replied':
      sorted.replies.push(event);
      return;
    case 'OutboundCall':
      sorted.calls.push(event);
      return;
    case 'StationConnected': case 'StationDisconnected': case 'StationBooted':
    case 'HeartbeatReceived': case 'ConnectorStatusChanged': case 'DataTransferReceived':
    case 'FirmwareStatusReported': case 'DiagnosticsStatusReported':
    case 'ConfigurationReported': case 'ConfigurationChanged': case 'LocalListUpdated': case 'LocalListVersionReported':
    case 'ReservationMade': case 'ReservationEnded': case 'ChargingProfileSet': case 'ChargingProfilesCleared':
    case 'CompositeScheduleReported': case 'LogStatusReported': case 'VariablesReported':
      sorted.stationEvents.push(event);
      return;
    case 'AuthorizationDecided': case 'TransactionStarted': case 'MeterValuesSampled': case 'TransactionStopped':
    case 'TransactionUpdated':
      sorted.sessionEvents.push(event);
      return;
    case 'CommandRequested': case 'CommandSent': case 'CommandCompleted':
      sorted.commandEvents.push(event);
      return;
    case 'StationAuthenticationRefused': case 'ConnectionReplaced': case 'SecurityEventReported':
    case 'CertificateSigningRequested': case 'CertificateIssued': case 'CertificateSigningRefused':
      sorted.securityEvents.push(event);
      return;
    case 'SessionCostUpdated': case 'CdrIssued':
      sorted.billingEvents.push(event);
      return;
    case 'BillingSessionUnpriced':
      sorted.unpricedSessions.push(event);
      return;
    case 'BillingSessionOpened': case 'BillingUsageNoted': case 'BillingStaleSessionUnpriced':
      // The billing decider's memory: of a fact the sessions topic already carries, or that a stale check ran.
      return;
    case 'CostDisplayNoted':
      // The cost-display decider's memory of configuration facts csms.stations already carries.
      return;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export function classify(events: readonly ProcessorEvent[]): RecordOutput {
  const sorted: Sorted = { replies: [], calls: [], stationEvents: [], sessionEvents: [], commandEvents: [], securityEvents: [], billingEvents: [], unpricedSessions: [] };
  for (const event of events) sortInto(sorted, event);
  return sorted;
}
