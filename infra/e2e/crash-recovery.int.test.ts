// Invariants 2 and 4 with real processes: kill -9 the processors mid-stream and restart
// them; then drop and rebuild every projection.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { playSeedWorkflow, simulatedChargePoint } from '../src/simulator/index.ts';
import { api, eventually, startSystem, type RunningSystem } from './system.ts';

interface Transaction { transactionId: number; status: string; energyWh: number | null; meterValues?: unknown[] }
interface Page<T> { items: T[]; total: number }

const STATIONS = 4;
const SESSIONS = 3;

describe('crash recovery and replay', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, 24_200);
    await api(system, 'POST', '/id-tags', { idTag: 'CRASH-TAG', status: 'Accepted' });
  });
  after(async () => {
    await system?.shutdown();
    await env?.stop();
  });

  it('loses nothing acknowledged and duplicates no transaction when the processors are killed mid-stream', async () => {
    const answered = new Map<string, number[]>();
    let stepsAnswered = 0;
    const drive = async (station: number) => {
      const id = `CRASH-${station}`;
      const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id, callTimeoutMs: 120_000 });
      await cp.connect();
      const ids: number[] = [];
      for (let session = 0; session < SESSIONS; session += 1) {
        const startAt = new Date(Date.UTC(2025, 0, 1 + session, station));
        const result = await playSeedWorkflow(cp, { idTag: 'CRASH-TAG', meterStartWh: session * 100_000, energyWh: 10_000 + station, samples: 2, startAt },
          () => { stepsAnswered += 1; });
        ids.push(result.transactionId);
      }
      await cp.close();
      answered.set(id, ids);
    };
    const traffic = Promise.all(Array.from({ length: STATIONS }, (_, i) => drive(i)));
    await sleep(1500);
    const answeredBeforeCrash = stepsAnswered;
    await system.kill('processors');
    await sleep(500);
    await system.start('processors');
    await traffic;

    assert.ok(answeredBeforeCrash > 0 && answeredBeforeCrash < stepsAnswered,
      `the crash fell mid-stream (${answeredBeforeCrash} of ${stepsAnswered} replies before it)`);
    const all = [...answered.values()].flat();
    assert.equal(new Set(all).size, STATIONS * SESSIONS, 'every session got its own transaction id');
    for (const [id, ids] of answered) {
      const page = await eventually(`${id}: all sessions completed`, async () => {
        const { body } = await api<Page<Transaction>>(system, 'GET', `/transactions?chargePointId=${id}&limit=50`);
        return body.items.filter((t) => t.status === 'Completed').length === SESSIONS ? body : undefined;
      }, 60_000);
      assert.equal(page.total, SESSIONS, `${id} has exactly its ${SESSIONS} transactions`);
      assert.deepEqual(page.items.map((t) => t.transactionId).sort((a, b) => a - b), [...ids].sort((a, b) => a - b));
      for (const txId of ids) {
        const { body } = await api<Transaction>(system, 'GET', `/transactions/${txId}`);
        assert.equal(body.meterValues?.length, 4, `transaction ${txId} has each acknowledged sample once`);
      }
    }
  });

  it('rebuilds every projection from offset 0 into identical rows', async () => {
    // Let the projections settle, then compare a rebuild against what they built live.
    let before = await system.dumpReadModels();
    await eventually('projections idle', async () => {
      await sleep(1000);
      const now = await system.dumpReadModels();
      const same = JSON.stringify(now) === JSON.stringify(before);
      before = now;
      return same ? true : undefined;
    }, 60_000);
    assert.ok(before.transactions!.length >= STATIONS * SESSIONS);
    await system.stop('projections');
    await system.rebuildProjections();
    const rebuilt = await system.dumpReadModels();
    assert.deepEqual(rebuilt, before);
  });
});
