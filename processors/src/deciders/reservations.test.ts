import { describe, it } from 'node:test';
import { ocpp16Detail } from '@csms/contracts';
import assert from 'node:assert/strict';
import { deciderSpec } from './decider-spec.ts';
import { reservationsDecider, type ReservationsEvent } from './reservations.ts';
import { answerReceived, AT, frame } from './fixtures.ts';

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

describe('reservations decider, OCPP 2.0.1', () => {
  const answer201 = (action: string, request: object, response: object) => ({ ...answerReceived(action, request, response, 'ocpp2.0.1'), at: AT + 1000 });
  const reserve = {
    id: 9, expiryDateTime: '2025-01-01T11:00:00Z', idToken: { idToken: 'T1', type: 'ISO14443' }, evseId: 2, connectorType: 'cType2',
    groupIdToken: { idToken: 'G', type: 'Central' },
  };
  const made: ReservationsEvent = {
    type: 'ReservationMade', chargePointId: 'CP001', at: AT + 1000, reservationId: 9, connectorId: 2, evseId: 2, connectorType: 'cType2',
    idTag: 'T1', idTokenType: 'ISO14443', parentIdTag: 'G', expiryDate: AT + 3_600_000,
  };
  const statusUpdate = (reservationId: number, reservationUpdateStatus: 'Expired' | 'Removed') => ({
    type: 'ReservationStatusUpdate', frame: frame({ at: AT + 5, replyExpected: false }), payload: { reservationId, reservationUpdateStatus },
  } as const);

  it('makes the reservation of an EVSE the station accepted (H01), and none it refused', () => {
    spec.given([]).when(answer201('ReserveNow', reserve, { status: 'Accepted' })).thenState((state, events) => {
      assert.deepEqual(events, [made]);
      assert.deepEqual(state.reservations, [{ reservationId: 9, expiryDate: AT + 3_600_000 }]);
    });
    spec.given([]).when(answer201('ReserveNow', reserve, { status: 'Occupied' })).then([]);
  });

  it('makes a reservation of the whole station, connector 0, when it names no EVSE', () => {
    const { evseId: _evse, connectorType: _type, groupIdToken: _group, ...anyEvse } = reserve;
    spec.given([]).when(answer201('ReserveNow', anyEvse, { status: 'Accepted' }))
      .then([{ ...made, connectorId: 0, evseId: null, connectorType: null, parentIdTag: null }]);
  });

  it('ends a reservation the station accepted to cancel (H02)', () => {
    spec.given([made]).when(answer201('CancelReservation', { reservationId: 9 }, { status: 'Accepted' })).thenState((state, events) => {
      assert.deepEqual(events, [{ type: 'ReservationEnded', chargePointId: 'CP001', at: AT + 1000, reservationId: 9, reason: 'Cancelled', transactionId: null }]);
      assert.deepEqual(state.reservations, []);
    });
    spec.given([made]).when(answer201('CancelReservation', { reservationId: 9 }, { status: 'Rejected' })).then([]);
  });

  it('ends a reservation the station reports expired as Expired, and one it removed as Cancelled, without answering what the gateway answered', () => {
    for (const [status, reason] of [['Expired', 'Expired'], ['Removed', 'Cancelled']] as const) {
      spec.given([made]).when(statusUpdate(9, status)).thenState((state, events) => {
        assert.deepEqual(events, [{ type: 'ReservationEnded', chargePointId: 'CP001', at: AT + 5, reservationId: 9, reason, transactionId: null }]);
        assert.deepEqual(state.reservations, []);
      });
    }
  });

  it('ends nothing the CSMS does not hold: a reservation it saw expire, or never knew', () => {
    const expired: ReservationsEvent = { type: 'ReservationEnded', chargePointId: 'CP001', at: AT + 4, reservationId: 9, reason: 'Expired', transactionId: null };
    spec.given([made, expired]).when(statusUpdate(9, 'Expired')).then([]);
    spec.given([made]).when(statusUpdate(8, 'Removed')).then([]);
  });

  it('answers a ReservationStatusUpdate with an empty payload when the gateway did not', () => {
    spec.given([]).when({ ...statusUpdate(8, 'Removed'), frame: frame() }).then([{
      type: 'Replied', chargePointId: 'CP001', at: AT, node: 2, connectionId: 'c1', messageId: 'm1', body: { kind: 'CallResult', payload: {} },
    }]);
  });
});
