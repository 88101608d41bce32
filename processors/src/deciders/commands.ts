// CSMS-initiated calls (OCPP 1.6 §5; the CSMS calls of OCPP 2.0.1) per charge point: an
// operator's request is sent on the station's socket, if the protocol it speaks has the action,
// or fails fast when it has none; the answer (matched by messageId, which is
// the commandId), the gateway's report that it could not deliver, or the deadline passing on
// any later record completes it. An answer to a command already completed changes nothing.
// What a valid answer reports belongs to the decider its row in the action table names, which
// gets it through workflow/answer-to-concern.ts.
import {
  csmsCallRow, MessageType, ocppTables, outcomeOf, type CommandCompleted, type CommandEvent, type CommandOutcome, type CommandRequested,
  type InboundCallUndelivered, type InboundFrame, type UndeliveredReason,
} from '@csms/contracts';
import type { Decider } from './decider.ts';
import type { Connection } from './context.ts';
import {
  initialCommandsState, isExpired, MAX_PENDING_COMMANDS, pendingByMessageId, withoutPending, withPending,
  type CommandsState, type PendingCommand,
} from './commands-state.ts';

export type CommandsCommand =
  /** `connection` is the station decider's view of the socket, null when the station is not connected. */
  | { readonly type: 'Request'; readonly request: CommandRequested; readonly connection: Connection | null }
  /** A CALLRESULT (3) or CALLERROR (4) from the station. */
  | { readonly type: 'Answer'; readonly frame: InboundFrame }
  | { readonly type: 'Undelivered'; readonly record: InboundCallUndelivered }
  /** Any record for the station: time has reached `at`. */
  | { readonly type: 'Observe'; readonly chargePointId: string; readonly at: number };

/** The CALL to write to ocpp.outbound, partition = node. */
export interface OutboundCall {
  readonly type: 'OutboundCall';
  readonly chargePointId: string;
  readonly at: number;
  readonly node: number;
  readonly connectionId: string;
  readonly messageId: string;
  readonly commandId: string;
  readonly action: string;
  /** The request payload as JSON text. */
  readonly payload: string;
  readonly deadline: number;
}

export type CommandsDeciderEvent = CommandEvent | OutboundCall;
export type { CommandsState } from './commands-state.ts';

/** Every CSMS call of every version: what a request for a station that is not connected may ask for. */
const anyVersionActions: ReadonlySet<string> = new Set(Object.values(ocppTables).flatMap((table) => Object.keys(table.csmsCalls)));

/**
 * A call the station can know: one of its protocol's CSMS calls. Offline, its protocol is not known
 * (it may come back speaking another), and the request fails as NotConnected anyway, if it is a call at all.
 */
function isCsmsCall(action: string, connection: Connection | null): boolean {
  return connection === null ? anyVersionActions.has(action) : csmsCallRow(connection.protocol, action) !== undefined;
}

type Completion = Pick<CommandCompleted, 'outcome' | 'response' | 'errorCode' | 'errorDescription'>;

function completed(chargePointId: string, at: number, command: Pick<PendingCommand, 'commandId' | 'action'>, how: Completion): CommandCompleted {
  return { type: 'CommandCompleted', chargePointId, at, commandId: command.commandId, action: command.action, ...how };
}

function outcomeOnly(outcome: CommandOutcome, errorCode: string | null = null, errorDescription: string | null = null): Completion {
  return { outcome, response: null, errorCode, errorDescription };
}

function isJsonObject(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

function request(command: Extract<CommandsCommand, { type: 'Request' }>, state: CommandsState): CommandsDeciderEvent[] {
  const { request: requested, connection } = command;
  const { chargePointId, at, commandId, action, payload } = requested;
  if (state.pending.some((pending) => pending.commandId === commandId)) return [];
  const echo: CommandRequested = requested;
  // The api only writes actions from the tables; anything else would be a CALL the station cannot know.
  if (!isCsmsCall(action, connection)) {
    return [echo, completed(chargePointId, at, requested, outcomeOnly('Failed', 'NotSupported', `${action} is not a CSMS command`))];
  }
  // Checked here, not when the frame is written: a bad payload must fail its command, not the batch.
  if (!isJsonObject(payload)) {
    return [echo, completed(chargePointId, at, requested, outcomeOnly('Failed', 'FormationViolation', 'the payload is not a JSON object'))];
  }
  if (connection === null) return [echo, completed(chargePointId, at, requested, outcomeOnly('NotConnected'))];
  if (state.pending.length >= MAX_PENDING_COMMANDS) {
    const description = `the station has ${MAX_PENDING_COMMANDS} commands awaiting its answer`;
    return [echo, completed(chargePointId, at, requested, outcomeOnly('Failed', 'TooManyPendingCommands', description))];
  }
  const { node, connectionId } = connection;
  const messageId = commandId;
  return [
    echo,
    { type: 'CommandSent', chargePointId, at, commandId, action, node, connectionId, messageId },
    {
      type: 'OutboundCall', chargePointId, at, node, connectionId, messageId, commandId, action, payload,
      deadline: at + requested.timeoutSeconds * 1000,
    },
  ];
}

/** A CALLERROR's code and description, as the gateway records it: {errorCode, errorDescription, errorDetails}. */
function callError(frame: InboundFrame): Completion {
  const parsed: unknown = frame.payload === null ? null : JSON.parse(frame.payload);
  const fields = typeof parsed === 'object' && parsed !== null ? parsed : {};
  return {
    outcome: 'Failed', response: frame.payload,
    errorCode: 'errorCode' in fields && typeof fields.errorCode === 'string' ? fields.errorCode : null,
    errorDescription: 'errorDescription' in fields && typeof fields.errorDescription === 'string' ? fields.errorDescription : null,
  };
}

function answer(frame: InboundFrame, state: CommandsState): CommandsDeciderEvent[] {
  const pending = frame.messageId === null ? undefined : pendingByMessageId(state, frame.messageId);
  if (pending === undefined) return [];
  const base = { chargePointId: frame.chargePointId, at: frame.at };
  // The gateway found the CALLRESULT invalid against urn:{Action}.conf: what it says cannot be trusted.
  if (frame.rejection !== null) {
    const { errorCode, description } = frame.rejection;
    return [completed(base.chargePointId, base.at, pending, { ...outcomeOnly('Failed', errorCode, description), response: frame.payload })];
  }
  if (frame.messageTypeId !== MessageType.CallResult) return [completed(base.chargePointId, base.at, pending, callError(frame))];
  const responseJson = frame.payload ?? '{}';
  const outcome = outcomeOf(JSON.parse(responseJson), frame.protocol, pending.action);
  return [completed(base.chargePointId, base.at, pending, { outcome, response: responseJson, errorCode: null, errorDescription: null })];
}

const undeliveredOutcome: Record<UndeliveredReason, Completion> = {
  Timeout: outcomeOnly('TimedOut'),
  ConnectionGone: outcomeOnly('NotConnected'),
  QueueFull: outcomeOnly('Failed', 'QueueFull', 'the station has too many calls waiting on its connection'),
  SecretUnavailable: outcomeOnly('Failed', 'SecretUnavailable', 'the gateway could not open the sealed secret in the call (CSMS_SECRETS_KEY)'),
};

function undelivered(record: InboundCallUndelivered, state: CommandsState): CommandsDeciderEvent[] {
  const pending = pendingByMessageId(state, record.messageId);
  if (pending === undefined) return [];
  return [completed(record.chargePointId, record.at, pending, undeliveredOutcome[record.reason])];
}

/** Commands past their deadline (and its grace) time out. */
function observe(chargePointId: string, at: number, state: CommandsState): CommandsDeciderEvent[] {
  return state.pending.filter((pending) => isExpired(pending, at))
    .map((pending) => completed(chargePointId, at, pending, outcomeOnly('TimedOut')));
}

function decide(command: CommandsCommand, state: CommandsState): readonly CommandsDeciderEvent[] {
  switch (command.type) {
    case 'Request':
      return request(command, state);
    case 'Answer':
      return answer(command.frame, state);
    case 'Undelivered':
      return undelivered(command.record, state);
    case 'Observe':
      return observe(command.chargePointId, command.at, state);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

function evolve(state: CommandsState, event: CommandsDeciderEvent): CommandsState {
  switch (event.type) {
    case 'OutboundCall': {
      const { commandId, action, messageId, payload, deadline } = event;
      return withPending(state, { commandId, action, messageId, payload, deadline });
    }
    case 'CommandCompleted':
      return withoutPending(state, event.commandId);
    case 'CommandRequested': case 'CommandSent':
      return state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export const commandsDecider: Decider<CommandsCommand, CommandsDeciderEvent, CommandsState> = {
  name: 'commands', initialState: initialCommandsState, decide, evolve,
};
