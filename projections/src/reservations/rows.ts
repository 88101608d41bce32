// Row mapping from ReservationMade / ReservationEnded to the reservations table (pure).
import type { ReservationEnded, ReservationMade } from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Row } from '../upsert.ts';

/**
 * A ReserveNow with a reservationId the station already holds replaces that reservation
 * (OCPP 1.6 §5.13), so a made row resets how it ended.
 */
export function madeRow(event: ReservationMade): Row {
  return {
    charge_point_id: event.chargePointId,
    reservation_id: event.reservationId,
    connector_id: event.connectorId,
    id_tag: event.idTag,
    parent_id_tag: event.parentIdTag,
    expiry_date: toDate(event.expiryDate),
    status: 'Active',
    made_at: toDate(event.at),
    ended_at: null,
    transaction_id: null,
  };
}

/** Only the columns an end changes; the insert path covers an end of a reservation never seen made. */
export function endedRow(event: ReservationEnded): Row {
  return {
    charge_point_id: event.chargePointId,
    reservation_id: event.reservationId,
    status: event.reason,
    ended_at: toDate(event.at),
    transaction_id: event.transactionId,
  };
}
