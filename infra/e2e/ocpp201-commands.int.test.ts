// Remote commands to an OCPP 2.0.1 station end to end: every call of the 2.0.1 table, sent
// through the REST API to a station played by ocpp-rpc in strict mode (so each call is checked
// against the official 2.0.1 schema), each reaching the outcome the station gives it; commands
// checked against the station's own version.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { simulatedChargePoint, simulatedChargingStation, type SimulatedChargingStation } from '../src/simulator/index.ts';
import { COMMAND_TOKEN, every201Command } from './ocpp201-commands.ts';
import { addIdToken, stationTransaction, transactionsOf } from './ocpp201-views.ts';
import { allCaughtUp } from './processors-caught-up.ts';
import { api, eventually, untilShownConnected, startSystem, type RunningSystem } from './system.ts';

interface Command { id: string; status: string; payload?: Record<string, unknown> | null; response?: unknown; errorCode?: string | null }
interface ApiError { error: { code: string; message: string } }

const ID = 'CMD201-1';

describe('OCPP 2.0.1 remote commands end to end', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  let cs: SimulatedChargingStation;
  const received: string[] = [];
  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, 24_600);
    await addIdToken(system, COMMAND_TOKEN);
    cs = simulatedChargingStation({ endpoint: system.ocppUrl, id: ID });
    cs.client.on('message', ({ message, outbound }: { message: string; outbound: boolean }) => {
      const frame = JSON.parse(message) as unknown[];
      if (!outbound && frame[0] === 2) received.push(String(frame[1]));
    });
    await cs.connect();
    await cs.boot();
    await cs.reportStatus();
    await untilShownConnected(system, ID, 'ocpp2.0.1');
  });
  after(async () => {
    await cs?.close();
    await system?.shutdown();
    await env?.stop();
  });

  const send = (action: string, body: object, station = ID) =>
    api<Command>(system, 'POST', `/charge-points/${station}/commands/${action}?wait=30`, body);

  it('sends every 2.0.1 command to a strict 2.0.1 station, each reaching the outcome the station gives it', async () => {
    for (const { action, body, outcome, because } of every201Command) {
      const request = body(cs.model);
      const { status, body: command } = await send(action, request);
      assert.equal(status, 200, `${action} finished in time`);
      assert.equal(command.status, outcome, `${action} ${JSON.stringify(request)}${because ? ` (${because})` : ''}: ${JSON.stringify(command)}`);
      // What the station sends after answering (a TransactionEvent, NotifyReport parts, a reboot) goes out before the next command.
      await cs.idle();
    }
    assert.equal(new Set(received).size, received.length, 'no command reached the station twice');
  });

  it('keeps what the station answered: the remote-started transaction, the local list', async () => {
    await allCaughtUp(env);
    const remote = (await transactionsOf(system, ID)).items.filter((t) => t.remoteStartId === 7001);
    assert.equal(remote.length, 1, 'the transaction RequestStartTransaction started, once');
    assert.deepEqual([remote[0]!.status, remote[0]!.stopReason, remote[0]!.energyWh], ['Completed', 'Remote', 1000]);
    const { body: list } = await api<{ versionSent: number; versionReported: number }>(system, 'GET', `/charge-points/${ID}/local-list`);
    assert.deepEqual([list.versionSent, list.versionReported], [3, 3], 'the refused differential update changed nothing');
  });

  it('fills in the remoteStartId an operator left out, and the transaction carries it', async () => {
    const { body: started } = await send('RequestStartTransaction', { idToken: COMMAND_TOKEN, evseId: 1 });
    assert.equal(started.status, 'Accepted', JSON.stringify(started));
    await cs.idle();
    const [running] = cs.model.transactions.values();
    assert.ok(running && Number.isInteger(running.remoteStartId), 'the station got a remoteStartId (its strict schema requires one)');
    assert.equal(started.payload?.remoteStartId, running.remoteStartId, 'the command shows the id it was sent with');
    const { body: stopped } = await send('RequestStopTransaction', { transactionId: running.transactionId });
    assert.equal(stopped.status, 'Accepted');
    await cs.idle();
    await allCaughtUp(env);
    const tx = await stationTransaction(system, ID, running.transactionId);
    assert.deepEqual([tx?.status, tx?.remoteStartId, tx?.stopReason], ['Completed', running.remoteStartId, 'Remote']);
  });

  it('checks a command against the station\'s own OCPP version', async () => {
    const only16 = await api<ApiError>(system, 'POST', `/charge-points/${ID}/commands/RemoteStartTransaction`, { idTag: 'E2E201-CMD', connectorId: 1 });
    assert.equal(only16.status, 400, 'a 1.6-only action to a 2.0.1 station');
    const badBody = await api<ApiError>(system, 'POST', `/charge-points/${ID}/commands/RequestStartTransaction`, { idToken: { idToken: 'X' }, remoteStartId: 1 });
    assert.equal(badBody.status, 400, 'an id token without its type breaks the 2.0.1 schema');
    assert.match(badBody.body.error.message, /type/);

    const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id: 'CMD16-1' });
    await cp.connect();
    await cp.boot();
    await untilShownConnected(system, 'CMD16-1', 'ocpp1.6');
    const only201 = await api<ApiError>(system, 'POST', '/charge-points/CMD16-1/commands/GetVariables', {
      getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }],
    });
    await cp.close();
    assert.equal(only201.status, 400, 'a 2.0.1-only action to a 1.6 station');
    const unknown = await api(system, 'POST', `/charge-points/${ID}/commands/SelfDestruct`, {});
    assert.equal(unknown.status, 404, 'an action no version has');
  });

  // Last: from here on the registry asks this station for a password.
  it('moves the station up a security profile the 2.0.1 way (A05): network profile, its slot first, reset', async () => {
    const registered = await api(system, 'POST', '/charge-points', { id: ID, basicAuthPassword: 'e2e-201-password-0123' });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    await eventually(`${ID} registered`, async () => {
      const { body } = await api<{ registered: boolean }>(system, 'GET', `/charge-points/${ID}`);
      return body?.registered ? true : undefined;
    });
    const { status, body } = await api<{ upgraded: boolean; securityProfile: number; commands: { action: string; status: string }[] }>(
      system, 'POST', `/charge-points/${ID}/security-profile?wait=30`,
      { securityProfile: 1, networkProfile: { configurationSlot: 1, ocppCsmsUrl: system.ocppUrl } },
    );
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual([body.upgraded, body.securityProfile], [true, 1]);
    assert.deepEqual(body.commands.map((c) => [c.action, c.status]), [['SetNetworkProfile', 'Accepted'], ['SetVariables', 'Accepted'], ['Reset', 'Accepted']]);
    const stored = cs.model.networkProfiles.get(1);
    assert.deepEqual([stored?.securityProfile, stored?.ocppCsmsUrl], [1, system.ocppUrl], 'the station holds the new profile in slot 1');
    const { body: cp } = await api<{ securityProfile: number }>(system, 'GET', `/charge-points/${ID}`);
    assert.equal(cp.securityProfile, 1, 'the registry now refuses connections below profile 1');
    await cs.idle();
  });
});
