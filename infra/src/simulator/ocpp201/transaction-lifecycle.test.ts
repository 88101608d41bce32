import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ocpp201 } from '@csms/contracts';
import { newStationModel201 } from './station-model.ts';
import { assertValid201 } from './test-station.ts';
import { closeTransaction, openTransaction, sampleTransaction } from './transaction-lifecycle.ts';

const token: Ocpp201.IdTokenType = { idToken: 'RFID-1', type: 'ISO14443' };
const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 12, minute));
const register = (e: Ocpp201.TransactionEventRequest) => e.meterValue?.[0].sampledValue.find((s) => s.measurand === 'Energy.Active.Import.Register');

describe('a simulated transaction', () => {
  it('numbers its events from seqNo 0 and carries the register at its begin, its samples and its end', () => {
    const model = newStationModel201([{ id: 1, connectors: 1 }, { id: 2, connectors: 1 }]);
    const { transaction, event: started } = openTransaction(model, { evseId: 2, idToken: token, meterWh: 1000, at: at(0), transactionId: 'TX-1' });
    const updated = sampleTransaction(model, transaction, { at: at(5), meterWh: 4000, powerW: 7200 });
    const ended = closeTransaction(model, transaction, { at: at(10), meterWh: 9000, stoppedReason: 'EVDisconnected' });
    for (const event of [started, updated, ended]) assertValid201('TransactionEvent', 'req', event);
    assert.deepEqual([started, updated, ended].map((e) => [e.eventType, e.seqNo, e.transactionInfo.transactionId]),
      [['Started', 0, 'TX-1'], ['Updated', 1, 'TX-1'], ['Ended', 2, 'TX-1']]);
    assert.deepEqual(started.evse, { id: 2, connectorId: 1 });
    assert.deepEqual(started.idToken, token);
    assert.deepEqual([register(started)?.value, register(started)?.context], [1000, 'Transaction.Begin']);
    assert.deepEqual([register(updated)?.value, register(updated)?.context], [4000, 'Sample.Periodic']);
    assert.deepEqual([register(ended)?.value, register(ended)?.context], [9000, 'Transaction.End']);
    assert.equal(ended.transactionInfo.stoppedReason, 'EVDisconnected');
    assert.equal(ended.timestamp, at(10).toISOString());
    assert.equal(model.transactions.size, 0, 'the EVSE is free again');
    assert.equal(model.meterWh.get(2), 9000, 'the EVSE meter keeps its reading');
  });

  it('starts from the EVSE meter when no register is given, and carries the remote start id', () => {
    const model = newStationModel201([{ id: 1, connectors: 1 }]);
    model.meterWh.set(1, 5000);
    const { event } = openTransaction(model, { evseId: 1, idToken: token, at: at(0), remoteStartId: 77, triggerReason: 'RemoteStart' });
    assert.equal(register(event)?.value, 5000);
    assert.deepEqual([event.transactionInfo.remoteStartId, event.triggerReason], [77, 'RemoteStart']);
    assert.match(event.transactionInfo.transactionId, /^[0-9a-f-]{36}$/);
  });

  it('uses the reservation its token holds on the EVSE (H01)', () => {
    const model = newStationModel201([{ id: 1, connectors: 1 }]);
    model.reservations.set(9, { idToken: token, expiryDateTime: at(60).toISOString(), evseId: 1 });
    const { event } = openTransaction(model, { evseId: 1, idToken: token, at: at(0) });
    assert.equal(event.reservationId, 9);
    assert.equal(model.reservations.size, 0);
  });
});
