import { describe, it } from 'node:test';
import { ocpp16Detail } from '@csms/contracts';
import assert from 'node:assert/strict';
import { deciderSpec } from './decider-spec.ts';
import { reservationsDecider, type ReservationsEvent } from './reservations.ts';
import { answerReceived, AT } from './fixtures.ts';

const spec = deciderSpec(reservationsDecider);

/** The station's answer, a second after the request was sent (as the commands decider's own specs have it). */
function answer(action: string, request: object, response: object) {
  return { ...answerReceived(action, request, response), at: AT + 1000 };
}

describe('reservations decider', () => {
  const reserve = { connectorId: 2, expiryDate: '2025-01-01T11:00:00Z', idTag: 'T1', parentIdTag: 'G', reservationId: 9 };
  const made: ReservationsEvent = {
    type: 'ReservationMade', chargePointId: 'CP001', at: AT + 1000, reservationId: 9, connectorId: 2, idTag: 'T1',
    parentIdTag: 'G', expiryDate: AT + 3_600_000, ...ocpp16Detail.ReservationMade,
  };

  it('makes a reservation the station accepted, and none it refused', () => {
    spec.given([]).when(answer('ReserveNow', reserve, { status: 'Accepted' })).thenState((state, events) => {
      assert.deepEqual(events, [made]);
      assert.deepEqual(state.reservations, [{ reservationId: 9, expiryDate: AT + 3_600_000 }]);
    });
    spec.given([]).when(answer('ReserveNow', reserve, { status: 'Occupied' })).thenState((state, events) => {
      assert.deepEqual(events, []);
      assert.deepEqual(state.reservations, []);
    });
  });

  it('replaces a reservation made again with the same id (OCPP 1.6 §5.13)', () => {
    spec.given([made, { ...made, expiryDate: AT + 10 }]).when({ type: 'Observe', chargePointId: 'CP001', at: AT }).thenState((state) => {
      assert.deepEqual(state.reservations, [{ reservationId: 9, expiryDate: AT + 10 }]);
    });
  });

  it('ends a reservation when cancelled, used or expired', () => {
    spec.given([made]).when(answer('CancelReservation', { reservationId: 9 }, { status: 'Accepted' })).thenState((state, events) => {
      assert.deepEqual(events, [{ type: 'ReservationEnded', chargePointId: 'CP001', at: AT + 1000, reservationId: 9, reason: 'Cancelled', transactionId: null }]);
      assert.deepEqual(state.reservations, []);
    });
    spec.given([made]).when(answer('CancelReservation', { reservationId: 9 }, { status: 'Rejected' })).then([]);
    spec.given([made]).when({ type: 'UseReservation', chargePointId: 'CP001', at: AT + 5, reservationId: 9, transactionId: 42 })
      .then([{ type: 'ReservationEnded', chargePointId: 'CP001', at: AT + 5, reservationId: 9, reason: 'Used', transactionId: 42 }]);
    spec.given([made]).when({ type: 'UseReservation', chargePointId: 'CP001', at: AT + 5, reservationId: 8, transactionId: 42 }).then([]);
    spec.given([made]).when({ type: 'Observe', chargePointId: 'CP001', at: AT + 3_600_000 }).then([]);
    spec.given([made]).when({ type: 'Observe', chargePointId: 'CP001', at: AT + 3_600_001 }).thenState((state, events) => {
      assert.deepEqual(events, [{ type: 'ReservationEnded', chargePointId: 'CP001', at: AT + 3_600_001, reservationId: 9, reason: 'Expired', transactionId: null }]);
      assert.deepEqual(state.reservations, []);
    });
  });

  it('keeps nothing of an answer to any other call', () => {
    spec.given([made]).when(answer('Reset', { type: 'Soft' }, { status: 'Accepted' })).then([]);
  });
});
