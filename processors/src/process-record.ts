// One source record through its deciders, against a batch overlay: the pure heart of the
// processor. It reads state, decides, evolves, and writes the new state only once the
// decision succeeded, so a record that throws leaves the overlay untouched.
// Every record for a station first lets the commands and reservations deciders see the time
// (deadlines, then reservation expiries); then the record's own decider runs, and for an answer to a CSMS call the
// decider its row names (answer-to-concern.ts); then the reactions to its events.
import { isAnswerType, KEYED_PARTITIONS, type CommandRequested, type InboundRecord } from '@csms/contracts';
import type { Decider } from './deciders/decider.ts';
import { runDecider } from './deciders/decider.ts';
import { statelessDeciders, type DeciderStates } from './deciders/registry.ts';
import type { Connection, ProcessorSettings, Tables } from './deciders/context.ts';
import { authorizationDecider } from './deciders/authorization.ts';
import { commandsDecider } from './deciders/commands.ts';
import { reservationsDecider } from './deciders/reservations.ts';
import { sessionsDecider } from './deciders/sessions.ts';
import { stationDecider } from './deciders/station.ts';
import { readState, writeState, type Overlay } from './partition-memory.ts';
import { route, type DeciderName, type Route } from './router.ts';
import { answerToItsConcern } from './answer-to-concern.ts';
import { classify, type ProcessorEvent, type RecordOutput } from './record-output.ts';

export type { ProcessorEvent, RecordOutput } from './record-output.ts';

/** A decoded record of one of the source topics. */
export type SourceRecord =
  | { readonly source: 'inbound'; readonly record: InboundRecord }
  | { readonly source: 'commandRequests'; readonly record: CommandRequested };

export interface RecordContext {
  readonly partition: number;
  readonly tables: Tables;
  readonly settings: ProcessorSettings;
}

/**
 * Unique across partitions (partition + 1 modulo KEYED_PARTITIONS) and deterministic on
 * replay; stays within int32 (OCPP transactionId is an integer) for 178 million starts per partition.
 */
export function transactionIdCandidate(counter: number, partition: number): number {
  return counter * KEYED_PARTITIONS + partition + 1;
}

function step<K extends DeciderName, Command, Event>(
  overlay: Overlay, name: K, decider: Decider<Command, Event, DeciderStates[K]>, command: Command, key: string,
): readonly Event[] {
  const before = readState(overlay, name, key);
  const { events, state } = runDecider(decider, command, before);
  if (state !== before) writeState(overlay, name, key, state);
  return events;
}

/**
 * The station's socket as the station decider sees it: commands read it rather than fold
 * Connected/Disconnected a second time, so the rule for a late Disconnected lives in one place.
 */
function connectionOf(overlay: Overlay, chargePointId: string): Connection | null {
  const station = readState(overlay, 'station', chargePointId);
  return station.status === 'Online' ? { node: station.node, connectionId: station.connectionId } : null;
}

/**
 * The security profile the record's own connection proved: known only while it is the station's
 * current connection (a frame from an older socket, still open on another node, proved nothing we kept).
 */
function connectionProfileOf(overlay: Overlay, record: InboundRecord): number | null {
  const station = readState(overlay, 'station', record.chargePointId);
  if (station.status !== 'Online' || station.connectionId !== record.connectionId) return null;
  return station.securityProfile ?? null;
}

/** The record's own decider, and the deciders that follow from what it decided. */
function runRoute(routed: Route, overlay: Overlay, key: string, candidate: number): readonly ProcessorEvent[] {
  switch (routed.decider) {
    case 'station':
      return step(overlay, 'station', stationDecider, routed.command, key);
    case 'authorization':
      return step(overlay, 'authorization', authorizationDecider, routed.command, key);
    case 'sessions': {
      const events = step(overlay, 'sessions', sessionsDecider, routed.command, key);
      // The counter moves only when the candidate was used, so replays hand out the same ids.
      if (events.some((e) => e.type === 'TransactionStarted' && e.transactionId === candidate)) overlay.counter += 1;
      return events;
    }
    case 'commands': {
      const before = readState(overlay, 'commands', key);
      const events = step(overlay, 'commands', commandsDecider, routed.command, key);
      if (routed.command.type !== 'Answer') return events;
      const concerns = answerToItsConcern(routed.command.frame, events, before);
      return [...events, ...concerns.flatMap((concern) => runRoute(concern, overlay, key, candidate))];
    }
    case 'reservations':
      return step(overlay, 'reservations', reservationsDecider, routed.command, key);
    case 'security':
      return statelessDeciders.security.decide(routed.command, null);
    case 'firmwareDiagnostics':
      return statelessDeciders.firmwareDiagnostics.decide(routed.command, null);
    case 'localLists':
      return statelessDeciders.localLists.decide(routed.command, null);
    case 'chargingProfiles':
      return statelessDeciders.chargingProfiles.decide(routed.command, null);
    case 'deviceModel':
      return statelessDeciders.deviceModel.decide(routed.command, null);
    default: {
      const _exhaustive: never = routed;
      return _exhaustive;
    }
  }
}

function decideInbound(record: InboundRecord, overlay: Overlay, context: RecordContext): readonly ProcessorEvent[] {
  const candidate = transactionIdCandidate(overlay.counter, context.partition);
  const routed = route(record, {
    tables: context.tables, settings: context.settings, transactionIdCandidate: candidate,
    connectionProfile: connectionProfileOf(overlay, record),
  });
  return routed === null ? [] : runRoute(routed, overlay, record.chargePointId, candidate);
}

/** A start that names an active reservation uses it up (OCPP 1.6 §5.13). */
function reactions(events: readonly ProcessorEvent[], overlay: Overlay): readonly ProcessorEvent[] {
  return events.flatMap((event) => {
    if (event.type !== 'TransactionStarted' || event.reservationId === null) return [];
    const { chargePointId, at, reservationId, transactionId } = event;
    return step(overlay, 'reservations', reservationsDecider, { type: 'UseReservation', chargePointId, at, reservationId, transactionId }, chargePointId);
  });
}

function decide(source: SourceRecord, overlay: Overlay, context: RecordContext): readonly ProcessorEvent[] {
  const { chargePointId, at } = source.record;
  const time = { type: 'Observe', chargePointId, at } as const;
  // Timeouts before expiries: the order the outputs have always had.
  const observed = [
    ...step(overlay, 'commands', commandsDecider, time, chargePointId),
    ...step(overlay, 'reservations', reservationsDecider, time, chargePointId),
  ];
  switch (source.source) {
    case 'inbound': {
      const events = decideInbound(source.record, overlay, context);
      return [...observed, ...events, ...reactions(events, overlay)];
    }
    case 'commandRequests': {
      const command = { type: 'Request', request: source.record, connection: connectionOf(overlay, chargePointId) } as const;
      return [...observed, ...step(overlay, 'commands', commandsDecider, command, chargePointId)];
    }
    default: {
      const _exhaustive: never = source;
      return _exhaustive;
    }
  }
}

export function processRecord(source: SourceRecord, overlay: Overlay, context: RecordContext): RecordOutput {
  return classify(decide(source, overlay, context));
}

/** A CALLRESULT / CALLERROR that completed nothing: late (the command had timed out) or unknown. */
export function isIgnoredAnswer(source: SourceRecord, output: RecordOutput): boolean {
  if (source.source !== 'inbound' || source.record.type !== 'Frame') return false;
  return isAnswerType(source.record.messageTypeId) && !output.commandEvents.some((e) => e.type === 'CommandCompleted');
}
