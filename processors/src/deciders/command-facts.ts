// What a station's answer to a CSMS call means: its outcome (OCPP 1.6 §6: the `status` of the
// .conf), and the reservation it establishes or ends, built from the request.
// The gateway validated the request (api) and the response (urn:{Action}.conf) against the
// official schemas, so their shapes are trusted here.
import {
  COMMAND_SUCCESS_STATUSES, type CommandOutcome, type Ocpp16, type ReservationEnded, type ReservationMade,
} from '@csms/contracts';
import { parseTimestamp } from './context.ts';
import type { PendingCommand } from './commands-state.ts';

export type CommandFact = ReservationMade | ReservationEnded;

type Base = { readonly chargePointId: string; readonly at: number };

/** Accepted when the response has no `status`, or one of the statuses that mean the station did it. */
export function outcomeOf(response: unknown): Extract<CommandOutcome, 'Accepted' | 'Rejected'> {
  if (typeof response !== 'object' || response === null || !('status' in response)) return 'Accepted';
  return typeof response.status === 'string' && COMMAND_SUCCESS_STATUSES.has(response.status) ? 'Accepted' : 'Rejected';
}

function parse<T>(json: string): T {
  return JSON.parse(json) as T;
}

function reservationMade(base: Base, request: Ocpp16.ReserveNowRequest): ReservationMade {
  return {
    type: 'ReservationMade', ...base, reservationId: request.reservationId, connectorId: request.connectorId,
    idTag: request.idTag, parentIdTag: request.parentIdTag ?? null,
    expiryDate: parseTimestamp(request.expiryDate) ?? base.at,
  };
}

/**
 * The facts of a CALLRESULT to `command` that the commands decider keeps itself: those of the rows
 * naming it (reservations, until they get their own decider), only when the station accepted.
 * What other answers report goes to the decider their row names (answer-to-concern.ts).
 */
export function factsOfAnswer(base: Base, command: PendingCommand, outcome: CommandOutcome): CommandFact[] {
  if (outcome !== 'Accepted') return [];
  switch (command.action) {
    case 'ReserveNow':
      return [reservationMade(base, parse(command.payload))];
    case 'CancelReservation': {
      const { reservationId } = parse<Ocpp16.CancelReservationRequest>(command.payload);
      return [{ type: 'ReservationEnded', ...base, reservationId, reason: 'Cancelled', transactionId: null }];
    }
    default:
      return [];
  }
}
