// Remote commands end to end across two gateway nodes: every OCPP 1.6 call the CSMS can
// make, sent through the REST API to a charge point played by ocpp-rpc in strict mode
// (so each call is checked against the official schema), followed through its lifecycle.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { simulatedChargePoint, type SimulatedChargePoint } from '../src/simulator/index.ts';
import { api, eventually, startSystem, type RunningSystem } from './system.ts';

interface Command { id: string; status: string; response?: unknown; node?: number | null; errorCode?: string | null }

const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** Each CSMS-initiated 1.6 message with a valid request and the outcome the simulator gives it. */
const everyCommand: Array<[string, () => object, string]> = [
  ['ChangeConfiguration', () => ({ key: 'HeartbeatInterval', value: '120' }), 'Accepted'],
  ['GetConfiguration', () => ({}), 'Accepted'],
  ['Reset', () => ({ type: 'Soft' }), 'Accepted'],
  ['UnlockConnector', () => ({ connectorId: 1 }), 'Accepted'],
  ['ChangeAvailability', () => ({ connectorId: 0, type: 'Operative' }), 'Accepted'],
  ['ClearCache', () => ({}), 'Accepted'],
  ['DataTransfer', () => ({ vendorId: 'com.example', data: 'hello' }), 'Accepted'],
  ['TriggerMessage', () => ({ requestedMessage: 'Heartbeat' }), 'Accepted'],
  ['UpdateFirmware', () => ({ location: 'https://firmware.example/v2.bin', retrieveDate: new Date().toISOString() }), 'Accepted'],
  ['GetDiagnostics', () => ({ location: 'ftp://diagnostics.example/upload' }), 'Accepted'],
  ['SendLocalList', () => ({ listVersion: 3, updateType: 'Full', localAuthorizationList: [{ idTag: 'LOCAL-1', idTagInfo: { status: 'Accepted' } }] }), 'Accepted'],
  ['GetLocalListVersion', () => ({}), 'Accepted'],
  ['ReserveNow', () => ({ connectorId: 1, expiryDate: inOneHour(), idTag: 'RFID-CMD', reservationId: 42 }), 'Accepted'],
  ['CancelReservation', () => ({ reservationId: 42 }), 'Accepted'],
  ['CancelReservation', () => ({ reservationId: 4242 }), 'Rejected'],
  ['SetChargingProfile', () => ({ connectorId: 1, csChargingProfiles: {
    chargingProfileId: 7, stackLevel: 1, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Absolute',
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] } } }), 'Accepted'],
  ['GetCompositeSchedule', () => ({ connectorId: 1, duration: 3600 }), 'Accepted'],
  ['ClearChargingProfile', () => ({ id: 7 }), 'Accepted'],
];

describe('remote commands across gateway nodes', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  const received: string[] = [];
  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, 24_300, { gatewayNodes: 2 });
    await api(system, 'POST', '/id-tags', { idTag: 'RFID-CMD', status: 'Accepted' });
  });
  after(async () => {
    await system?.shutdown();
    await env?.stop();
  });

  async function connect(node: number): Promise<SimulatedChargePoint> {
    const cp = simulatedChargePoint({ endpoint: system.ocppUrlOf(node), id: 'CMD-1' });
    cp.client.on('message', ({ message, outbound }: { message: string; outbound: boolean }) => {
      const frame = JSON.parse(message) as unknown[];
      if (!outbound && frame[0] === 2) received.push(String(frame[1]));
    });
    await cp.connect();
    await cp.boot();
    await eventually(`CMD-1 shown on node ${node}`, async () => {
      const { body } = await api<{ node: number; connected: boolean }>(system, 'GET', '/connections/CMD-1');
      return body?.connected && body.node === node ? true : undefined;
    });
    return cp;
  }

  /** The read model lists the profile the station accepted (before the test clears it again). */
  const profileShown = (chargingProfileId: number) => eventually(`profile ${chargingProfileId} in the read model`, async () => {
    const { body } = await api<Array<{ connectorId: number; profiles: Array<{ chargingProfileId: number }> }>>(
      system, 'GET', '/charge-points/CMD-1/charging-profiles');
    return body.some((c) => c.connectorId === 1 && c.profiles.some((p) => p.chargingProfileId === chargingProfileId)) ? true : undefined;
  });

  const send = (action: string, body: object) =>
    api<Command>(system, 'POST', `/charge-points/CMD-1/commands/${action}?wait=30`, body);

  it('sends every OCPP 1.6 command through the node holding the socket, each checked by a strict client', async () => {
    const cp = await connect(1);
    const started = await send('RemoteStartTransaction', { idTag: 'RFID-CMD', connectorId: 2 });
    assert.equal(started.status, 200);
    assert.equal(started.body.status, 'Accepted');
    await cp.idle();
    const transactionId = cp.model.transactions.get(2);
    assert.ok(transactionId, 'the station started the session it was asked to');
    const stopped = await send('RemoteStopTransaction', { transactionId });
    assert.equal(stopped.body.status, 'Accepted');
    for (const [action, body, outcome] of everyCommand) {
      const { status, body: command } = await send(action, body());
      assert.equal(status, 200, `${action} finished in time`);
      assert.equal(command.status, outcome, `${action}: ${JSON.stringify(command)}`);
      if (action === 'SetChargingProfile') await profileShown(7);
    }
    await cp.idle();
    await cp.close();
    assert.equal(new Set(received).size, received.length, 'no command reached the station twice');
  });

  it('keeps what the station reported per station', async () => {
    const config = await eventually('configuration reported', async () => {
      const { body } = await api<{ keys: Array<{ key: string; value: string | null }> }>(system, 'GET', '/charge-points/CMD-1/configuration');
      return body.keys?.some((k) => k.key === 'HeartbeatInterval') ? body : undefined;
    });
    assert.equal(config.keys.find((k) => k.key === 'HeartbeatInterval')?.value, '120');
    const list = await api<{ versionSent: number; versionReported: number }>(system, 'GET', '/charge-points/CMD-1/local-list');
    assert.equal(list.body.versionSent, 3);
    assert.equal(list.body.versionReported, 3);
    const station = await eventually('firmware installed', async () => {
      const { body } = await api<{ firmwareStatus?: string }>(system, 'GET', '/charge-points/CMD-1');
      return body.firmwareStatus === 'Installed' ? body : undefined;
    });
    assert.equal(station.firmwareStatus, 'Installed');
    const profiles = await api<unknown[]>(system, 'GET', '/charge-points/CMD-1/charging-profiles');
    assert.deepEqual(profiles.body, [], 'the profile set was cleared again');
  });

  it('follows the station to another node, and fails fast when it is gone', async () => {
    const cp = await connect(0);
    const reset = await send('Reset', { type: 'Hard' });
    assert.equal(reset.body.status, 'Accepted');
    assert.equal(reset.body.node, 0, 'sent through the node now holding the socket');
    await cp.close();
    await eventually('CMD-1 disconnected', async () => {
      const { body } = await api<{ connected: boolean }>(system, 'GET', '/connections/CMD-1');
      return body.connected === false ? true : undefined;
    });
    const began = Date.now();
    const offline = await send('Reset', { type: 'Soft' });
    assert.equal(offline.body.status, 'NotConnected');
    assert.ok(Date.now() - began < 10_000, 'a command to a disconnected station fails fast');
    assert.equal(new Set(received).size, received.length, 'no command reached the station twice');
  });

  it('refuses a body that breaks the OCPP schema, and an unknown action', async () => {
    const bad = await api<{ error: { message: string } }>(system, 'POST', '/charge-points/CMD-1/commands/Reset', { type: 'Sideways' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /type/);
    const unknown = await api(system, 'POST', '/charge-points/CMD-1/commands/SelfDestruct', {});
    assert.equal(unknown.status, 404);
  });
});
