// Invariants 2 and 4 for a mixed fleet: OCPP 1.6 and 2.0.1 stations run their sessions while the
// processors are killed with SIGKILL at a known point (every station waiting at a gate after its
// first session), not on a clock; every transaction is then recorded exactly once with the right
// energy. Then, with 2.0.1 facts of every kind in Kafka (TransactionUpdated, an offline
// transaction whose gap closed late, a device-model report in parts), every projection is dropped
// and rebuilt from offset 0 into identical rows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Ocpp201 } from '@csms/contracts';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { playSeedWorkflow, playSession201, simulatedChargePoint, simulatedChargingStation } from '../src/simulator/index.ts';
import { gate } from './gate.ts';
import { periodicSamples, transactionsOf } from './ocpp201-views.ts';
import { readTopic } from './read-topic.ts';
import { allCaughtUp } from './processors-caught-up.ts';
import { api, startSystem, untilShownConnected, type RunningSystem } from './system.ts';

const STATIONS_PER_VERSION = 2;
const SESSIONS = 3;
const SAMPLES = 2;
const token: Ocpp201.IdTokenType = { idToken: 'MIX-TAG', type: 'ISO14443' };
/** Each session's energy differs by station and session, so a mixed-up transaction shows. */
const energyOf = (station: number, session: number) => 10_000 + 100 * station + session;

interface Played { readonly id: string; readonly version: '1.6' | '2.0.1'; readonly ids: string[] }

describe('a mixed 1.6 and 2.0.1 fleet through a processor crash, then a rebuild', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, 24_800);
    // A typeless id tag, as 1.6 knows them, matches a 2.0.1 token of any type.
    await api(system, 'POST', '/id-tags', { idTag: 'MIX-TAG', status: 'Accepted' });
  });
  after(async () => {
    await system?.shutdown();
    await env?.stop();
  });

  it('loses nothing acknowledged and duplicates no transaction of either version when the processors are killed mid-stream', async () => {
    const crash = gate(2 * STATIONS_PER_VERSION);
    let stepsAnswered = 0;
    const counted = () => { stepsAnswered += 1; };
    const startAt = (station: number, session: number) => new Date(Date.UTC(2025, 0, 1 + session, station));
    const drive16 = async (station: number): Promise<Played> => {
      const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id: `MIX16-${station}`, callTimeoutMs: 120_000 });
      await cp.connect();
      const ids: string[] = [];
      for (let session = 0; session < SESSIONS; session += 1) {
        if (session === 1) await crash.wait();
        const result = await playSeedWorkflow(cp, { idTag: 'MIX-TAG', meterStartWh: session * 100_000, energyWh: energyOf(station, session),
          samples: SAMPLES, startAt: startAt(station, session) }, counted);
        ids.push(String(result.transactionId));
      }
      await cp.close();
      return { id: cp.id, version: '1.6', ids };
    };
    const drive201 = async (station: number): Promise<Played> => {
      const cs = simulatedChargingStation({ endpoint: system.ocppUrl, id: `MIX201-${station}`, callTimeoutMs: 120_000 });
      await cs.connect();
      const ids: string[] = [];
      for (let session = 0; session < SESSIONS; session += 1) {
        if (session === 1) await crash.wait();
        const result = await playSession201(cs, { idToken: token, meterStartWh: session * 100_000, energyWh: energyOf(station, session),
          samples: SAMPLES, startAt: startAt(station, session), transactionId: `MIX201-${station}-${session}` }, counted);
        ids.push(result.transactionId);
      }
      await cs.close();
      return { id: cs.id, version: '2.0.1', ids };
    };
    const stations = Array.from({ length: STATIONS_PER_VERSION }, (_, i) => i);
    const traffic = Promise.all([...stations.map(drive16), ...stations.map(drive201)]);
    await crash.reached;
    const answeredBeforeCrash = stepsAnswered;
    await system.kill('processors');
    // The stations send their next frames to a system without processors, then they come back.
    crash.open();
    await system.start('processors');
    const played = await traffic;
    assert.ok(answeredBeforeCrash > 0 && answeredBeforeCrash < stepsAnswered,
      `the crash fell mid-stream (${answeredBeforeCrash} of ${stepsAnswered} replies before it)`);

    // Every fact is folded before "exactly once" is asserted.
    await allCaughtUp(env, 120_000);
    const csmsIds = new Set<number>();
    for (const { id, version, ids } of played) {
      const { items, total } = await transactionsOf(system, id);
      assert.equal(total, SESSIONS, `${id} has exactly its ${SESSIONS} transactions`);
      ids.forEach((stationId, session) => {
        const matches = items.filter((t) => (version === '1.6' ? String(t.transactionId) : t.stationTransactionId) === stationId);
        assert.equal(matches.length, 1, `${id} session ${session} recorded once`);
        const station = Number(id.split('-')[1]);
        assert.deepEqual([matches[0]!.status, matches[0]!.energyWh], ['Completed', energyOf(station, session)], `${id} session ${session}`);
        csmsIds.add(matches[0]!.transactionId);
      });
      for (const tx of items) {
        const { body } = await api<typeof tx>(system, 'GET', `/transactions/${tx.transactionId}`);
        if (version === '1.6') assert.equal(body.meterValues?.length, 2 * SAMPLES, `${id}: each acknowledged sample once`);
        else assert.equal(periodicSamples(body).length, 2 * SAMPLES, `${id}: each acknowledged update's samples once`);
        if (version === '2.0.1') assert.deepEqual([body.lastSeqNo, body.missingSeqNos], [SAMPLES + 1, []]);
      }
    }
    assert.equal(csmsIds.size, 2 * STATIONS_PER_VERSION * SESSIONS, 'every session got a CSMS transaction id of its own');
    const facts = await readTopic(env, 'sessions');
    for (const { id } of played) {
      const count = (type: string) => facts.filter((e) => e.chargePointId === id && e.type === type).length;
      assert.deepEqual([count('TransactionStarted'), count('TransactionStopped')], [SESSIONS, SESSIONS], `${id}: one start and one stop per session in Kafka`);
    }
  });

  it('rebuilds every projection, 2.0.1 facts included, from offset 0 into identical rows', async () => {
    const cs = simulatedChargingStation({ endpoint: system.ocppUrl, id: 'MIX201-LATE', reportPartSize: 5 });
    await cs.connect();
    await cs.boot();
    await cs.reportStatus();
    // An offline transaction whose seqNo 1 arrives after seqNo 2.
    await cs.goOffline();
    const transaction = await cs.startTransaction({ evseId: 1, idToken: token, meterWh: 0, at: new Date('2025-02-01T08:00:00.000Z'), transactionId: 'MIX201-LATE-TX' });
    await cs.sampleTransaction(transaction.transactionId, { at: new Date('2025-02-01T08:10:00.000Z'), meterWh: 2000, powerW: 7000 });
    await cs.sampleTransaction(transaction.transactionId, { at: new Date('2025-02-01T08:20:00.000Z'), meterWh: 4000, powerW: 7000 });
    await cs.endTransaction(transaction.transactionId, { at: new Date('2025-02-01T08:30:00.000Z'), meterWh: 5000, stoppedReason: 'EVDisconnected' });
    const [started, first, second, ended] = cs.model.queued.splice(0);
    cs.model.queued.push(started!, second!, first!, ended!);
    await cs.reconnect();
    await untilShownConnected(system, 'MIX201-LATE', 'ocpp2.0.1');
    // A device-model report in parts, and a variable set.
    const report = await api<{ status: string }>(system, 'POST', '/charge-points/MIX201-LATE/commands/GetBaseReport?wait=30', { requestId: 11, reportBase: 'FullInventory' });
    assert.equal(report.body.status, 'Accepted');
    const set = await api<{ status: string }>(system, 'POST', '/charge-points/MIX201-LATE/commands/SetVariables?wait=30',
      { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '90' }] });
    assert.equal(set.body.status, 'Accepted');
    await cs.idle();
    await cs.close();

    // Compared once every projection has folded everything in Kafka, as its stored offsets say.
    await allCaughtUp(env);
    const before = await system.dumpReadModels();
    assert.ok(before.transactions!.length >= 2 * STATIONS_PER_VERSION * SESSIONS + 1);
    await system.stop('projections');
    await system.rebuildProjections();
    const rebuilt = await system.dumpReadModels();
    assert.deepEqual(rebuilt, before);
  });
});
