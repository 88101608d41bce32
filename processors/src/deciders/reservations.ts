// Reservations (OCPP 1.6 §5.13) per charge point: made when the station accepts a ReserveNow,
// ended when it accepts a CancelReservation (both reach this decider as the answers their rows
// in the action table name it for, see workflow/answer-to-concern.ts), when a StartTransaction names the
// reservation, or when a record for the station arrives past the expiry date. The station
// enforces a reservation itself; the CSMS keeps them to report them and to end them.
import type { Ocpp16, ReservationEnded, ReservationMade } from '@csms/contracts';
import { ocpp16Detail } from '@csms/contracts';
import type { Decider } from './decider.ts';
import { parseTimestamp } from './context.ts';
import { baseOf, requestOf, type AnswerReceived } from './answer-received.ts';
import {
  hasReservation, initialReservationsState, withoutReservation, withReservation, type ReservationsState,
} from './reservations-state.ts';

export type ReservationsCommand =
  | AnswerReceived
  /** Any record for the station: time has reached `at`. */
  | { readonly type: 'Observe'; readonly chargePointId: string; readonly at: number }
  /** A started transaction named the reservation. */
  | {
    readonly type: 'UseReservation'; readonly chargePointId: string; readonly at: number;
    readonly reservationId: number; readonly transactionId: number;
  };

export type ReservationsEvent = ReservationMade | ReservationEnded;
export type { ReservationsState } from './reservations-state.ts';

function reservationMade(answer: AnswerReceived, request: Ocpp16.ReserveNowRequest): ReservationMade {
  const base = baseOf(answer);
  return {
    type: 'ReservationMade', ...base, reservationId: request.reservationId, connectorId: request.connectorId,
    idTag: request.idTag, parentIdTag: request.parentIdTag ?? null,
    expiryDate: parseTimestamp(request.expiryDate) ?? base.at, ...ocpp16Detail.ReservationMade,
  };
}

/** Only what the station accepted happened: a refused ReserveNow reserves nothing, a refused cancel ends nothing. */
function answered(answer: AnswerReceived): ReservationsEvent[] {
  if (answer.outcome !== 'Accepted') return [];
  switch (answer.action) {
    case 'ReserveNow':
      return [reservationMade(answer, requestOf(answer))];
    case 'CancelReservation': {
      const { reservationId } = requestOf<Ocpp16.CancelReservationRequest>(answer);
      return [{ type: 'ReservationEnded', ...baseOf(answer), reservationId, reason: 'Cancelled', transactionId: null }];
    }
    default:
      return [];
  }
}

/** Reservations past their expiry date end (OCPP 1.6 §5.13): the station ends them by itself and tells no one. */
function observe(chargePointId: string, at: number, state: ReservationsState): ReservationsEvent[] {
  return state.reservations.filter((reservation) => at > reservation.expiryDate).map((reservation): ReservationEnded => ({
    type: 'ReservationEnded', chargePointId, at, reservationId: reservation.reservationId, reason: 'Expired', transactionId: null,
  }));
}

function decide(command: ReservationsCommand, state: ReservationsState): readonly ReservationsEvent[] {
  switch (command.type) {
    case 'AnswerReceived':
      return answered(command);
    case 'Observe':
      return observe(command.chargePointId, command.at, state);
    case 'UseReservation': {
      const { chargePointId, at, reservationId, transactionId } = command;
      // A resent StartTransaction, or one naming a reservation already ended, uses nothing.
      if (!hasReservation(state, reservationId)) return [];
      return [{ type: 'ReservationEnded', chargePointId, at, reservationId, reason: 'Used', transactionId }];
    }
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

function evolve(state: ReservationsState, event: ReservationsEvent): ReservationsState {
  switch (event.type) {
    case 'ReservationMade':
      return withReservation(state, event);
    case 'ReservationEnded':
      return withoutReservation(state, event);
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export const reservationsDecider: Decider<ReservationsCommand, ReservationsEvent, ReservationsState> = {
  name: 'reservations', initialState: initialReservationsState, decide, evolve,
};
