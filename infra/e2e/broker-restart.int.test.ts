// The broker killed with kill -9 under load, on a broker of this test's own under the same
// supervisor as `npm start`'s: every service says it cannot reach Kafka, the supervisor starts
// the broker again, the services reconnect without a restart of their own, and every message a
// station got acknowledged is in ocpp.inbound. The kill falls at a count of acknowledgements and
// the restart waits at a gate until every /health names Kafka, so nothing rests on a clock.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fetchKafka } from '../scripts/stack/kafka-broker.ts';
import { superviseBroker } from '../scripts/stack/local-stack.ts';
import type { Supervised } from '../scripts/stack/supervisor.ts';
import type { ServiceName } from '../scripts/services.ts';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { gate } from './gate.ts';
import { readTopic } from './read-topic.ts';
import { runResendingStation } from './resending-station.ts';
import { eventually, startSystem, type RunningSystem } from './system.ts';

const BROKER_PORT = 19_292;
const BASE_PORT = 25_200;
const STATIONS = 12;
const CALLS_PER_STATION = 30;

/** Boot, then heartbeats and status changes: what a fleet sends all day. */
function stationCalls(): (readonly [string, object])[] {
  const calls: (readonly [string, object])[] = [['BootNotification', { chargePointVendor: 'E2E', chargePointModel: 'Resend' }]];
  for (let i = 1; i < CALLS_PER_STATION; i += 1) {
    calls.push(i % 2 === 0
      ? ['Heartbeat', {}]
      : ['StatusNotification', { connectorId: 1, errorCode: 'NoError', status: i % 4 === 1 ? 'Preparing' : 'Available' }]);
  }
  return calls;
}

const services: readonly ServiceName[] = ['gateway', 'processors', 'projections', 'api'];

async function unreachableOf(system: RunningSystem, name: ServiceName): Promise<readonly string[]> {
  const response = await fetch(`${system.serviceUrlOf(name)}/health`);
  const body = await response.json() as { unreachable?: string[] };
  return body.unreachable ?? [];
}

describe('the broker killed under load', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  let broker: Supervised;
  let dataDir: string;
  const restartGate = gate(1);
  let restarts = 0;
  let gaveUp: string | null = null;
  let broughtBack: () => void = () => undefined;
  const backUp = new Promise<void>((resolve) => { broughtBack = resolve; });

  before(async () => {
    await fetchKafka();
    dataDir = mkdtempSync(join(tmpdir(), 'csms-broker-restart-'));
    broker = await superviseBroker({
      port: BROKER_PORT, controllerPort: BROKER_PORT + 1, dataDir: join(dataDir, 'kafka'), logFile: join(dataDir, 'kafka.log'),
      beforeRestart: () => restartGate.wait(),
      onRestarted: () => { restarts += 1; broughtBack(); },
      onGiveUp: (reason) => { gaveUp = reason; },
    });
    env = { ...await startTestEnvironment(), kafkaBrokers: [`127.0.0.1:${BROKER_PORT}`] };
    system = await startSystem(env, BASE_PORT);
  });
  after(async () => {
    await system?.shutdown();
    await env?.stop();
    await broker?.stop('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged message, and the services reconnect by themselves', async () => {
    const pidsBefore = new Map([...system.processes()].map(([name, child]) => [name, child.pid]));
    const total = STATIONS * CALLS_PER_STATION;
    const killAt = Math.floor(total / 3);
    let acks = 0;
    let reachedKillPoint: () => void = () => undefined;
    const killPoint = new Promise<void>((resolve) => { reachedKillPoint = resolve; });
    const traffic = Promise.all(Array.from({ length: STATIONS }, (_, i) => runResendingStation({
      url: system.ocppUrl, id: `BROKER-KILL-${i}`, calls: stationCalls(),
      onAck: () => { acks += 1; if (acks === killAt) reachedKillPoint(); },
    })));

    await killPoint;
    const brokerProcess = broker.current()!;
    brokerProcess.child.kill('SIGKILL');
    // Every service names Kafka before the broker may come back.
    for (const name of services) {
      await eventually(`${name}'s /health names kafka unreachable`, async () => ((await unreachableOf(system, name)).includes('kafka') ? true : undefined), 90_000);
    }
    const acksDuringOutage = acks;
    restartGate.open();
    await backUp;

    const stations = await traffic;
    assert.ok(acksDuringOutage >= killAt && acksDuringOutage < total, `the kill fell mid-stream (${acksDuringOutage} of ${total} acknowledged)`);
    assert.deepEqual([restarts, gaveUp], [1, null], 'the supervisor started the broker once');
    assert.ok(stations.some((station) => station.reconnects > 0), 'stations lost their connections and sent again');
    for (const name of services) {
      await eventually(`${name} healthy again`, async () => ((await fetch(`${system.serviceUrlOf(name)}/health`)).ok ? true : undefined), 120_000);
    }
    const pidsAfter = new Map([...system.processes()].map(([name, child]) => [name, child.pid]));
    assert.deepEqual(pidsAfter, pidsBefore, 'no service was restarted');
    assert.ok([...system.processes().values()].every((child) => child.exitCode === null && child.signalCode === null), 'every service still runs');

    const acknowledged = stations.flatMap((station) => station.acknowledged);
    assert.equal(acknowledged.length, total);
    const logged = new Set((await readTopic(env, 'inbound')).flatMap((record) => (
      record.type === 'Frame' && record.messageTypeId === 2 ? [`${record.chargePointId}/${record.messageId}`] : [])));
    const missing = acknowledged.filter((messageId) => !logged.has(`${messageId.replace(/-\d+$/, '')}/${messageId}`));
    assert.deepEqual(missing, [], 'every acknowledged CALL is in ocpp.inbound');
  });
});
