// What the reservations decider remembers per charge point: the reservations the station
// accepted and that have not ended (OCPP 1.6 §5.13). Snapshotted as `reservations:<chargePointId>`.
import type { ReservationEnded, ReservationMade } from '@csms/contracts';

export interface ActiveReservation {
  readonly reservationId: number;
  /** Epoch ms; the first record for the station after it ends the reservation as Expired. */
  readonly expiryDate: number;
}

export interface ReservationsState {
  readonly reservations: readonly ActiveReservation[];
}

export const initialReservationsState: ReservationsState = { reservations: [] };

export function hasReservation(state: ReservationsState, reservationId: number): boolean {
  return state.reservations.some((r) => r.reservationId === reservationId);
}

/** A ReserveNow with the id of an existing reservation replaces it (OCPP 1.6 §5.13). */
export function withReservation(state: ReservationsState, event: ReservationMade): ReservationsState {
  const others = state.reservations.filter((r) => r.reservationId !== event.reservationId);
  return { reservations: [...others, { reservationId: event.reservationId, expiryDate: event.expiryDate }] };
}

/** Returns the same object when the reservation was not active, so no snapshot is written for nothing. */
export function withoutReservation(state: ReservationsState, event: ReservationEnded): ReservationsState {
  if (!hasReservation(state, event.reservationId)) return state;
  return { reservations: state.reservations.filter((r) => r.reservationId !== event.reservationId) };
}
