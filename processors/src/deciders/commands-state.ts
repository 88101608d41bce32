// What the commands decider remembers per charge point: the CSMS-initiated calls sent and not
// yet answered, with the request, which the facts of the answer are built from (workflow/answer-to-concern.ts).
import type { ActiveReservation } from './reservations-state.ts';

/** A CSMS call needs an answer within its timeout; a gateway node that died never reports, so a little grace. */
export const DEADLINE_GRACE_MS = 5_000;

/**
 * Commands a station may have awaiting its answer. Each keeps its request (a SendLocalList can
 * be hundreds of KiB), and the state is one snapshot record: unbounded, a few operators'
 * requests could grow it past what Kafka takes. OCPP-J sends one call at a time anyway.
 */
export const MAX_PENDING_COMMANDS = 100;

export interface PendingCommand {
  readonly commandId: string;
  readonly action: string;
  /** The OCPP messageId of the CALL (= commandId). */
  readonly messageId: string;
  /** The request payload as JSON text. */
  readonly payload: string;
  /** Epoch ms after which (plus DEADLINE_GRACE_MS) the command has timed out. */
  readonly deadline: number;
}

export interface CommandsState {
  readonly pending: readonly PendingCommand[];
  /**
   * Legacy: the active reservations, as snapshots written before the reservations decider had
   * its own kept them. Read only by the snapshot migration (finishRestore in snapshots.ts);
   * never written, and carried along unchanged, so a reload before the reservations state's first
   * snapshot still finds them.
   */
  readonly reservations?: readonly ActiveReservation[];
}

export const initialCommandsState: CommandsState = { pending: [] };

export function pendingByMessageId(state: CommandsState, messageId: string): PendingCommand | undefined {
  return state.pending.find((command) => command.messageId === messageId);
}

export function isExpired(command: PendingCommand, at: number): boolean {
  return at > command.deadline + DEADLINE_GRACE_MS;
}

export function withPending(state: CommandsState, command: PendingCommand): CommandsState {
  return { ...state, pending: [...state.pending.filter((c) => c.commandId !== command.commandId), command] };
}

export function withoutPending(state: CommandsState, commandId: string): CommandsState {
  if (!state.pending.some((c) => c.commandId === commandId)) return state;
  return { ...state, pending: state.pending.filter((c) => c.commandId !== commandId) };
}
