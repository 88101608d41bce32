// The rules that bring billing's costs to the stations that show them (README "Costs on the
// station"). They run once after a record's follow-ups, on everything the record decided, because
// the facts they read are themselves follow-ups' (a GetConfiguration answer's ConfigurationReported,
// billing's SessionCostUpdated and CdrIssued); their own events trigger nothing further.
// A cost message is an ordinary command of the commands decider: sent on the socket the station
// decider knows, one CALL at a time by the gateway, completed by the answer, a CALLERROR or its
// deadline; billing never hears of it, so a refusal or a timeout changes no session and no CDR.
import type { CdrIssued, CommandRequested } from '@csms/contracts';
import type { CostDisplayState } from '../deciders/cost-display.ts';
import { costMessageForm, finalCostRequest, runningCostRequest, totalCostOf, type CostMessageForm, type CostSession } from '../deciders/cost-messages.ts';
import type { Replied } from '../deciders/reply.ts';
import type { StationState } from '../deciders/station.ts';
import type { Connection } from '../deciders/context.ts';
import type { ProcessorEvent } from '../record-output.ts';
import type { Route } from '../route.ts';
import { socketOf } from './station-socket.ts';

/** The states these rules read, after the record's deciders ran. */
export interface CostView {
  readonly station: StationState;
  readonly costDisplay: CostDisplayState;
  /** The billing decider's open session, while it has it. */
  readonly session: (transactionId: number) => CostSession | undefined;
}

/** Every event type the rules below read (their switches): a record with none of them skips the rules. */
export const COST_FACTS: ReadonlySet<ProcessorEvent['type']> = new Set([
  'ConfigurationReported', 'ConfigurationChanged', 'VariablesReported', 'SessionCostUpdated', 'CdrIssued',
]);

/** configuration-shows-cost: what the station reports of its configuration tells whether it shows cost. */
export function configurationShowsCost(events: readonly ProcessorEvent[]): Route[] {
  return events.flatMap((event): Route[] => {
    switch (event.type) {
      case 'ConfigurationReported': case 'ConfigurationChanged': case 'VariablesReported':
        return [{ decider: 'costDisplay', command: { type: 'NoteConfiguration', fact: event } }];
      default:
        return [];
    }
  });
}

/** The socket and the form the station's messages take; null when it shows no cost or is not connected. */
function costTarget(view: CostView): { readonly connection: Connection; readonly form: CostMessageForm } | null {
  const connection = socketOf(view.station);
  const form = connection === null ? null : costMessageForm(view.costDisplay.shows, connection.protocol);
  return connection === null || form === null ? null : { connection, form };
}

/**
 * cost-reaches-the-station: a running cost, and a 1.6 session's Final CDR, become cost messages
 * to a connected station that shows cost. Nothing is kept for an offline one: what it would show
 * is stale by the time it is back.
 */
export function costReachesTheStation(events: readonly ProcessorEvent[], view: CostView): Route[] {
  const target = costTarget(view);
  if (target === null) return [];
  const { connection, form } = target;
  return events.flatMap((event): Route[] => {
    const request = costRequestOf(event, view, form);
    return request === null ? [] : [{ decider: 'commands', command: { type: 'Request', request, connection } }];
  });
}

function costRequestOf(event: ProcessorEvent, view: CostView, form: CostMessageForm): CommandRequested | null {
  switch (event.type) {
    case 'SessionCostUpdated': {
      const session = view.session(event.transactionId);
      return session === undefined ? null : runningCostRequest(event, session, form);
    }
    case 'CdrIssued':
      return event.kind === 'Final' ? finalCostRequest(event, form) : null;
    default:
      return null;
  }
}

function endedTransactionOf(own: Route): { readonly messageId: string; readonly transactionId: string } | null {
  if (own.decider !== 'sessions' || own.command.type !== 'TransactionEvent' || own.command.payload.eventType !== 'Ended') return null;
  return { messageId: own.command.frame.messageId, transactionId: own.command.payload.transactionInfo.transactionId };
}

function withTotalCost(reply: Replied, cdr: CdrIssued): Replied {
  if (reply.body.kind !== 'CallResult') return reply;
  return { ...reply, body: { kind: 'CallResult', payload: { ...reply.body.payload, totalCost: totalCostOf(cdr) } } };
}

/**
 * answer-carries-the-final-cost: the TransactionEventResponse to a 2.0.1 Ended carries totalCost
 * (I02/I03) once billing priced the session in the same record; only then, since the schema says it
 * "SHALL only be sent when charging has ended", and an Updated's running cost goes by CostUpdated.
 */
export function answerCarriesTheFinalCost(own: Route, events: readonly ProcessorEvent[], view: CostView): readonly ProcessorEvent[] {
  const ended = endedTransactionOf(own);
  if (ended === null || costTarget(view)?.form !== 'CostUpdated') return events;
  const cdr = events.find((e): e is CdrIssued => e.type === 'CdrIssued' && e.kind === 'Final' && e.stationTransactionId === ended.transactionId);
  if (cdr === undefined) return events;
  return events.map((event) => (event.type === 'Replied' && event.messageId === ended.messageId ? withTotalCost(event, cdr) : event));
}
