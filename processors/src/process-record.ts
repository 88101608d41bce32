// One inbound record through its decider, against a batch overlay: the pure heart of the
// processor. It reads state, decides, evolves, and writes the new state only once the
// decision succeeded, so a record that throws leaves the overlay untouched.
import { KEYED_PARTITIONS, type InboundRecord, type SessionEvent, type StationEvent } from '@csms/contracts';
import type { Decider } from './deciders/decider.ts';
import { runDecider } from './deciders/decider.ts';
import type { DeciderStates } from './deciders/registry.ts';
import type { ProcessorSettings, Tables } from './deciders/context.ts';
import type { Replied } from './deciders/reply.ts';
import { authorizationDecider } from './deciders/authorization.ts';
import { sessionsDecider } from './deciders/sessions.ts';
import { stationDecider } from './deciders/station.ts';
import { readState, writeState, type Overlay } from './partition-memory.ts';
import { route, type DeciderName } from './router.ts';

export type ProcessorEvent = StationEvent | SessionEvent | Replied;

export interface RecordOutput {
  readonly replies: readonly Replied[];
  readonly stationEvents: readonly StationEvent[];
  readonly sessionEvents: readonly SessionEvent[];
}

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

function classify(events: readonly ProcessorEvent[]): RecordOutput {
  const replies: Replied[] = [];
  const stationEvents: StationEvent[] = [];
  const sessionEvents: SessionEvent[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'Replied':
        replies.push(event);
        break;
      case 'StationConnected': case 'StationDisconnected': case 'StationBooted':
      case 'HeartbeatReceived': case 'ConnectorStatusChanged': case 'DataTransferReceived':
        stationEvents.push(event);
        break;
      case 'AuthorizationDecided': case 'TransactionStarted': case 'MeterValuesSampled': case 'TransactionStopped':
        sessionEvents.push(event);
        break;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }
  return { replies, stationEvents, sessionEvents };
}

function decideRoute(record: InboundRecord, overlay: Overlay, context: RecordContext): readonly ProcessorEvent[] {
  const candidate = transactionIdCandidate(overlay.counter, context.partition);
  const routed = route(record, { tables: context.tables, settings: context.settings, transactionIdCandidate: candidate });
  if (routed === null) return [];
  const key = record.chargePointId;
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
    default: {
      const _exhaustive: never = routed;
      return _exhaustive;
    }
  }
}

export function processRecord(record: InboundRecord, overlay: Overlay, context: RecordContext): RecordOutput {
  return classify(decideRoute(record, overlay, context));
}
