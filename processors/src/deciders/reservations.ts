// Reservations (OCPP 1.6 §5.13; OCPP 2.0.1 H01-H04) per charge point: made when the station
// accepts a ReserveNow, ended when it accepts a CancelReservation (both reach this decider as the
// answers their rows in the action table name it for, see workflow/answer-to-concern.ts), when a
// started transaction names the reservation, when a 2.0.1 station reports it expired or removed
// (ReservationStatusUpdate), or when a record for the station arrives past the expiry date. The
// station enforces a reservation itself; the CSMS keeps them to report them and to end them.
import type { Ocpp16, Ocpp201, ReservationEndReason, ReservationEnded, ReservationMade } from '@csms/contracts';
import { ocpp16Detail } from '@csms/contracts';
import type { Decider } from './decider.ts';
import { parseTimestamp, type FrameMeta } from './context.ts';
import { baseOf, requestOf, type AnswerReceived } from './answer-received.ts';
import { replyWith, type Replied } from './reply.ts';
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
  }
  /** OCPP 2.0.1: the station reports a reservation ended, unused (H04: Expired) or taken away (Removed). */
  | { readonly type: 'ReservationStatusUpdate'; readonly frame: FrameMeta; readonly payload: Ocpp201.ReservationStatusUpdateRequest };

export type ReservationsEvent = ReservationMade | ReservationEnded | Replied;
export type { ReservationsState } from './reservations-state.ts';

function reservationMade(answer: AnswerReceived, request: Ocpp16.ReserveNowRequest): ReservationMade {
  const base = baseOf(answer);
  return {
    type: 'ReservationMade', ...base, reservationId: request.reservationId, connectorId: request.connectorId,
    idTag: request.idTag, parentIdTag: request.parentIdTag ?? null,
    expiryDate: parseTimestamp(request.expiryDate) ?? base.at, ...ocpp16Detail.ReservationMade,
  };
}

/**
 * H01: a reservation of an EVSE, or of the station when evseId is absent (the domain's connector
 * 0); of a connector type, when the request names one, and for a token that may carry a group.
 */
function evseReservationMade(answer: AnswerReceived, request: Ocpp201.ReserveNowRequest): ReservationMade {
  const base = baseOf(answer);
  return {
    type: 'ReservationMade', ...base, reservationId: request.id, connectorId: request.evseId ?? 0, evseId: request.evseId ?? null,
    connectorType: request.connectorType ?? null, idTag: request.idToken.idToken, idTokenType: request.idToken.type,
    parentIdTag: request.groupIdToken?.idToken ?? null, expiryDate: parseTimestamp(request.expiryDateTime) ?? base.at,
  };
}

/** Only what the station accepted happened: a refused ReserveNow reserves nothing, a refused cancel ends nothing. */
function answered(answer: AnswerReceived): ReservationsEvent[] {
  if (answer.outcome !== 'Accepted') return [];
  switch (answer.action) {
    case 'ReserveNow':
      return [answer.protocol === 'ocpp2.0.1' ? evseReservationMade(answer, requestOf(answer)) : reservationMade(answer, requestOf(answer))];
    case 'CancelReservation': {
      // {reservationId} in both versions.
      const { reservationId } = requestOf<Ocpp16.CancelReservationRequest | Ocpp201.CancelReservationRequest>(answer);
      return [{ type: 'ReservationEnded', ...baseOf(answer), reservationId, reason: 'Cancelled', transactionId: null }];
    }
    default:
      return [];
  }
}

/**
 * Reservations past their expiry date end (OCPP 1.6 §5.13): a 1.6 station ends them by itself and
 * tells no one; a 2.0.1 one tells (H04), usually after the CSMS's own clock has come this way.
 */
function observe(chargePointId: string, at: number, state: ReservationsState): ReservationsEvent[] {
  return state.reservations.filter((reservation) => at > reservation.expiryDate).map((reservation): ReservationEnded => ({
    type: 'ReservationEnded', chargePointId, at, reservationId: reservation.reservationId, reason: 'Expired', transactionId: null,
  }));
}

const endReasons: { readonly [S in Ocpp201.ReservationUpdateStatusEnumType]: ReservationEndReason } = {
  Expired: 'Expired',
  // Removed: the station took it away (its EVSE became unavailable, say, or a cancel the CSMS has
  // already seen); the domain has no reason of its own for that, and the customer loses it as if cancelled.
  Removed: 'Cancelled',
};

/** Only an active reservation ends: one the CSMS already saw expire (its own clock ran first) ends once. */
function statusUpdated(command: Extract<ReservationsCommand, { type: 'ReservationStatusUpdate' }>, state: ReservationsState): ReservationsEvent[] {
  const { frame, payload: { reservationId, reservationUpdateStatus } } = command;
  const ended: ReservationEnded[] = hasReservation(state, reservationId)
    ? [{ type: 'ReservationEnded', chargePointId: frame.chargePointId, at: frame.at, reservationId, reason: endReasons[reservationUpdateStatus], transactionId: null }]
    : [];
  return [...ended, ...replyWith(frame, {})];
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
    case 'ReservationStatusUpdate':
      return statusUpdated(command, state);
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
    case 'Replied':
      return state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export const reservationsDecider: Decider<ReservationsCommand, ReservationsEvent, ReservationsState> = {
  name: 'reservations', initialState: initialReservationsState, decide, evolve,
};
