// The workflow between deciders: the rules that decide what one decider's input is, or what it
// must hear of another's decision. Each is a named, pure function of what the record brought (or
// what its own decider made of it) and a view of the states before the record's own decider ran;
// run-workflow.ts applies them, workflow.test.ts specifies them one by one, and
// docs/architecture.md ("Workflow between deciders") lists them.
// Follow-ups are routes to deciders; their events trigger no further policy, so one record's
// work is bounded.
import { KEYED_PARTITIONS, type CommandRequested, type InboundRecord } from '@csms/contracts';
import type { CommandsState } from '../deciders/commands.ts';
import type { StationState } from '../deciders/station.ts';
import type { ProcessorEvent } from '../record-output.ts';
import type { Route } from '../route.ts';
import { answerToItsConcern } from './answer-to-concern.ts';
import { socketOf } from './station-socket.ts';
import { sessionsAreBilled, type BillingInputs } from './sessions-are-billed.ts';
import { answerCarriesTheFinalCost, configurationShowsCost, costReachesTheStation } from './costs-reach-stations.ts';

export type { BillingInputs } from './sessions-are-billed.ts';

/** The states a policy may read: those of the record's charge point once time has passed, before its own decider ran. */
export interface WorkflowView {
  readonly station: StationState;
  /** Still holds the request of a command the record answers. */
  readonly commands: CommandsState;
  /** Transaction ids handed out so far on the partition. */
  readonly counter: number;
  readonly partition: number;
}

/**
 * Unique across partitions (partition + 1 modulo KEYED_PARTITIONS) and deterministic on
 * replay; stays within int32 (OCPP transactionId is an integer) for 178 million starts per partition.
 */
export function transactionIdCandidate(counter: number, partition: number): number {
  return counter * KEYED_PARTITIONS + partition + 1;
}

/**
 * time-passes: every record for a station tells the deciders that act on time what time it is,
 * commands first (deadlines), then reservations (expiry dates), then billing (stale sessions):
 * timeouts come out before expiries.
 */
export function timePasses(record: { readonly chargePointId: string; readonly at: number }, inputs: BillingInputs): Route[] {
  const { chargePointId, at } = record;
  return [
    { decider: 'commands', command: { type: 'Observe', chargePointId, at } },
    { decider: 'reservations', command: { type: 'Observe', chargePointId, at } },
    { decider: 'billing', command: { type: 'Observe', chargePointId, at, tariffs: inputs.tables.tariffs, settings: inputs.settings } },
  ];
}

/**
 * command-goes-to-the-socket: an operator's request is sent on the connection the station decider
 * knows, so the rule for a late Disconnected lives in one place; none when the station is offline.
 */
export function commandGoesToTheSocket(request: CommandRequested, view: WorkflowView): Route {
  return { decider: 'commands', command: { type: 'Request', request, connection: socketOf(view.station) } };
}

/**
 * csr-needs-a-proven-connection: the security profile a record's connection proved, known only
 * while it is the station's current connection (a frame from an older socket, still open on
 * another node, proved nothing we kept). A SignCertificate is passed on only with profile 2 or 3.
 */
export function connectionProfile(record: InboundRecord, view: WorkflowView): number | null {
  const { station } = view;
  if (station.status !== 'Online' || station.connectionId !== record.connectionId) return null;
  return station.securityProfile ?? null;
}

/** start-uses-its-reservation: a TransactionStarted that names a reservation uses it up (OCPP 1.6 §5.13). */
export function startUsesItsReservation(events: readonly ProcessorEvent[]): Route[] {
  return events.flatMap((event): Route[] => {
    if (event.type !== 'TransactionStarted' || event.reservationId === null) return [];
    const { chargePointId, at, reservationId, transactionId } = event;
    return [{ decider: 'reservations', command: { type: 'UseReservation', chargePointId, at, reservationId, transactionId } }];
  });
}

/**
 * transaction-ids: the counter after the record. It moves only when the record's start took the
 * candidate (a resent start keeps its first id), so a replay hands out the same ids.
 */
export function transactionIds(events: readonly ProcessorEvent[], view: WorkflowView): number {
  const candidate = transactionIdCandidate(view.counter, view.partition);
  return events.some((e) => e.type === 'TransactionStarted' && e.transactionId === candidate) ? view.counter + 1 : view.counter;
}

/**
 * answer-informs-its-concern: once the commands decider completed a command with a valid answer,
 * the decider its CSMS-call row names gets what the answer reports (answer-to-concern.ts), after the completion.
 */
export function answerInformsItsConcern(decided: { readonly route: Route; readonly events: readonly ProcessorEvent[] }, view: WorkflowView): Route[] {
  const { route, events } = decided;
  if (route.decider !== 'commands' || route.command.type !== 'Answer') return [];
  return answerToItsConcern(route.command.frame, events, view.commands);
}

/** The policies by the names the docs and specs use. */
export const policies = {
  'time-passes': timePasses,
  'command-goes-to-the-socket': commandGoesToTheSocket,
  'csr-needs-a-proven-connection': connectionProfile,
  'start-uses-its-reservation': startUsesItsReservation,
  'transaction-ids': transactionIds,
  'answer-informs-its-concern': answerInformsItsConcern,
  'sessions-are-billed': sessionsAreBilled,
  'configuration-shows-cost': configurationShowsCost,
  'cost-reaches-the-station': costReachesTheStation,
  'answer-carries-the-final-cost': answerCarriesTheFinalCost,
} as const;
