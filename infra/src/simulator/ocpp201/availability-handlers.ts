// Blocks G and H as a station answers them: availability of the station or an EVSE (G03, G04)
// and reservations (H01, H02), each followed by the StatusNotifications of what changed.
import type { Ocpp201 } from '@csms/contracts';
import type { StationContext } from './station-context.ts';
import { statusNotifications } from './station-messages.ts';
import { connectorStatus, transactionOnEvse } from './station-model.ts';

export function availabilityHandlers(ctx: StationContext) {
  const { model } = ctx;
  const tellStatus = (evseId?: number) => {
    for (const status of statusNotifications(model, ctx.now(), evseId === undefined ? undefined : { id: evseId })) ctx.later('StatusNotification', status);
  };
  return {
    // G03/G04: going Inoperative waits for a transaction on what it affects (Scheduled, not carried out here).
    ChangeAvailability: (p: Ocpp201.ChangeAvailabilityRequest): Ocpp201.ChangeAvailabilityResponse => {
      const target = p.evse?.id ?? 0;
      if (target !== 0 && !model.evses.some((e) => e.id === target)) return { status: 'Rejected' };
      const busy = target === 0 ? model.transactions.size > 0 : transactionOnEvse(model, target) !== undefined;
      if (p.operationalStatus === 'Inoperative' && busy) return { status: 'Scheduled' };
      if (p.operationalStatus === 'Inoperative') model.inoperative.add(target); else model.inoperative.delete(target);
      tellStatus(target === 0 ? undefined : target);
      return { status: 'Accepted' };
    },
    // H01: a reservation with a known id replaces it; one for an EVSE needs that EVSE free.
    ReserveNow: (p: Ocpp201.ReserveNowRequest): Ocpp201.ReserveNowResponse => {
      if (p.evseId !== undefined) {
        if (!model.evses.some((e) => e.id === p.evseId)) return { status: 'Rejected' };
        const status = connectorStatus(model, p.evseId);
        const ownReservation = model.reservations.get(p.id)?.evseId === p.evseId;
        if (status === 'Unavailable') return { status: 'Unavailable' };
        if (status === 'Occupied' || (status === 'Reserved' && !ownReservation)) return { status: 'Occupied' };
      }
      model.reservations.set(p.id, { idToken: p.idToken, expiryDateTime: p.expiryDateTime, ...(p.evseId === undefined ? {} : { evseId: p.evseId }) });
      if (p.evseId !== undefined) tellStatus(p.evseId);
      return { status: 'Accepted' };
    },
    CancelReservation: (p: Ocpp201.CancelReservationRequest): Ocpp201.CancelReservationResponse => {
      const reservation = model.reservations.get(p.reservationId);
      if (reservation === undefined) return { status: 'Rejected' };
      model.reservations.delete(p.reservationId);
      if (reservation.evseId !== undefined) tellStatus(reservation.evseId);
      return { status: 'Accepted' };
    },
  };
}
