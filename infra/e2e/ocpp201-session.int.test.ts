// End to end: an OCPP 2.0.1 charging station, played by ocpp-rpc in strict mode (every frame in
// both directions checked against the official 2.0.1 schemas), through a whole session, read back
// through the REST API as the station told it: its energy, its timestamps, its transaction id.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { Ocpp201 } from '@csms/contracts';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { playSession201, simulatedChargingStation } from '../src/simulator/index.ts';
import { addIdToken, periodicSamples, stationTransaction } from './ocpp201-views.ts';
import { allCaughtUp } from './processors-caught-up.ts';
import { api, eventually, startSystem, type RunningSystem } from './system.ts';

const token: Ocpp201.IdTokenType = { idToken: 'E2E201-TAG', type: 'ISO14443' };

interface Station { vendor?: string; model?: string; serialNumber?: string; firmwareVersion?: string; connectors?: Array<{ connectorId: number; status: string }> }

describe('an OCPP 2.0.1 charging session end to end', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, 24_500);
    await addIdToken(system, token);
  });
  after(async () => {
    await system?.shutdown();
    await env?.stop();
  });

  it('plays boot, status, authorize and a transaction with updates and its end, and the API shows it as the station told it', async () => {
    const cs = simulatedChargingStation({ endpoint: system.ocppUrl, id: 'E2E201-CS1' });
    await cs.connect();
    assert.equal(cs.client.protocol, 'ocpp2.0.1', 'the gateway negotiated 2.0.1');
    // The id token may still be on its way into the processors' table.
    await eventually('id token known to processors', async () =>
      (await cs.authorize(token)).idTokenInfo.status === 'Accepted' ? true : undefined);
    const result = await playSession201(cs, {
      idToken: token, evseId: 2, meterStartWh: 1000, energyWh: 25_500, samples: 3,
      startAt: new Date('2025-01-15T10:05:00.000Z'), transactionId: 'E2E201-TX-1',
    });
    await cs.close();
    const answers = new Map(result.steps.map((s) => [s.action, s.response]));
    assert.equal((answers.get('BootNotification') as Ocpp201.BootNotificationResponse).status, 'Accepted');
    assert.equal((answers.get('Authorize') as Ocpp201.AuthorizeResponse).idTokenInfo.status, 'Accepted');
    const started = result.steps.find((s) => s.action === 'TransactionEvent')!.response as Ocpp201.TransactionEventResponse;
    assert.equal(started.idTokenInfo?.status, 'Accepted', 'the Started event carried the token and got its status');

    // Every fact of the session is folded before the read models are read.
    await allCaughtUp(env);
    const tx = await stationTransaction(system, 'E2E201-CS1', 'E2E201-TX-1');
    assert.ok(tx, 'the transaction is recorded under the station\'s id for it');
    assert.ok(Number.isInteger(tx.transactionId) && tx.transactionId > 0, 'and has a CSMS number of its own');
    assert.deepEqual(
      [tx.status, tx.connectorId, tx.evseConnectorId, tx.idTag, tx.idTokenType, tx.stopReason],
      ['Completed', 2, 1, 'E2E201-TAG', 'ISO14443', 'EVDisconnected'],
    );
    assert.deepEqual([tx.meterStartWh, tx.meterStopWh, tx.energyWh], [1000, 26_500, 25_500], 'energy from the Transaction.Begin and .End registers');
    assert.deepEqual([tx.startedAt, tx.stoppedAt, tx.durationSeconds], ['2025-01-15T10:05:00.000Z', '2025-01-15T10:30:00.000Z', 1500], 'the station\'s times');
    assert.deepEqual([tx.lastSeqNo, tx.missingSeqNos, tx.offline], [4, [], false]);
    const energy = periodicSamples(tx).filter((m) => m.measurand === 'Energy.Active.Import.Register').map((m) => Number(m.value));
    assert.deepEqual(energy, [7375, 13_750, 20_125], 'each periodic register once, in order');
    assert.equal(periodicSamples(tx).length, 6, 'three updates of energy and power');

    const { body: station } = await api<Station>(system, 'GET', '/charge-points/E2E201-CS1');
    assert.deepEqual([station.vendor, station.model, station.serialNumber, station.firmwareVersion],
      ['CSMS-Simulator', 'Sim-2', 'SN-E2E201-CS1', '2.0.1-sim']);
    const connectors = [...station.connectors ?? []].sort((a, b) => a.connectorId - b.connectorId);
    assert.deepEqual(connectors.map((c) => [c.connectorId, c.status]), [[1, 'Available'], [2, 'Available']], 'EVSEs as connectors');
    const { body: connection } = await api<{ protocol: string }>(system, 'GET', '/connections/E2E201-CS1');
    assert.equal(connection.protocol, 'ocpp2.0.1');
  });

  it('accepts a token only as the type it was registered with', async () => {
    const cs = simulatedChargingStation({ endpoint: system.ocppUrl, id: 'E2E201-CS2' });
    await cs.connect();
    await cs.boot();
    const asRegistered = await cs.authorize(token);
    const otherType = await cs.authorize({ idToken: token.idToken, type: 'eMAID' });
    await cs.close();
    assert.equal(asRegistered.idTokenInfo.status, 'Accepted');
    assert.notEqual(otherType.idTokenInfo.status, 'Accepted');
  });

  it('answers a frame that breaks the 2.0.1 schema with the CALLERROR OCPP-J 2.0.1 names', async () => {
    const ws = new WebSocket(`${system.ocppUrl}/E2E201-BAD`, ['ocpp2.0.1']);
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    const reply = new Promise<unknown[]>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as unknown[])));
    // seqNo is required: 2.0.1 spells the code OccurrenceConstraintViolation (1.6: OccurenceConstraintViolation).
    ws.send(JSON.stringify([2, 'bad-201', 'TransactionEvent', {
      eventType: 'Started', timestamp: '2025-01-15T10:05:00.000Z', triggerReason: 'Authorized', transactionInfo: { transactionId: 'T' },
    }]));
    const [type, id, code] = await reply;
    ws.close();
    assert.deepEqual([type, id, code], [4, 'bad-201', 'OccurrenceConstraintViolation']);
  });
});
