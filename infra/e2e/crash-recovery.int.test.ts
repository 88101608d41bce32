// Invariants 2 and 4 with real processes, each crash at a known point rather than on a clock:
// kill -9 the processors while stations wait at a gate, and between producing a batch and
// committing it; kill -9 the projections once a given number of replies came back while the
// stations keep sending; then drop and rebuild every projection once they have caught up with
// Kafka, which must give the rows the crashes left.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { playSeedWorkflow, simulatedChargePoint } from '../src/simulator/index.ts';
import { untilSessionsAreBilled } from './billing-views.ts';
import { projectionsCaughtUp } from './caught-up.ts';
import { readTopic } from './read-topic.ts';
import { api, eventually, startSystem, type RunningSystem } from './system.ts';

interface Transaction { transactionId: number; status: string; energyWh: number | null; meterValues?: unknown[] }
interface Page<T> { items: T[]; total: number }

const STATIONS = 4;
const SESSIONS = 3;

/** A gate stations wait at: `reached` resolves once all of them are there, `open` lets them on. */
function gate(count: number) {
  let arrived = 0;
  let allThere: () => void = () => {};
  let release: () => void = () => {};
  const reached = new Promise<void>((resolve) => { allThere = resolve; });
  const opened = new Promise<void>((resolve) => { release = resolve; });
  return {
    reached,
    open: () => release(),
    async wait(): Promise<void> {
      arrived += 1;
      if (arrived === count) allThere();
      await opened;
    },
  };
}

describe('crash recovery and replay', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, 24_200);
    await api(system, 'POST', '/id-tags', { idTag: 'CRASH-TAG', status: 'Accepted' });
    // Every session is billed: 0.30 per kWh and a session fee of 0.50, so each CDR is easy to check.
    await api(system, 'POST', '/tariffs', {
      id: 'crash-flat', currency: 'EUR', timeZone: 'UTC', vatRate: '0', validFrom: '2024-01-01T00:00:00Z', correction: true,
      elements: [{ priceComponents: [{ type: 'ENERGY', price: '0.30' }, { type: 'FLAT', price: '0.50' }] }],
    });
    await api(system, 'PUT', '/tariff-assignments', { scope: 'Default', tariffId: 'crash-flat' });
    await untilSessionsAreBilled(system, 'CRASH-TAG', new Date(Date.UTC(2024, 5, 1)));
  });
  after(async () => {
    await system?.shutdown();
    await env?.stop();
  });

  it('loses nothing acknowledged and duplicates no transaction when the processors are killed mid-stream', async () => {
    const answered = new Map<string, number[]>();
    let stepsAnswered = 0;
    const crash = gate(STATIONS);
    const drive = async (station: number) => {
      const id = `CRASH-${station}`;
      const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id, callTimeoutMs: 120_000 });
      await cp.connect();
      const ids: number[] = [];
      for (let session = 0; session < SESSIONS; session += 1) {
        // After the first session every station waits here; the processors die before it opens.
        if (session === 1) await crash.wait();
        const startAt = new Date(Date.UTC(2025, 0, 1 + session, station));
        const result = await playSeedWorkflow(cp, { idTag: 'CRASH-TAG', meterStartWh: session * 100_000, energyWh: 10_000 + station, samples: 2, startAt },
          () => { stepsAnswered += 1; });
        ids.push(result.transactionId);
      }
      await cp.close();
      answered.set(id, ids);
    };
    const traffic = Promise.all(Array.from({ length: STATIONS }, (_, i) => drive(i)));
    await crash.reached;
    const answeredBeforeCrash = stepsAnswered;
    await system.kill('processors');
    // The stations send their next frames to a system without processors, then they come back.
    crash.open();
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
    // Billed exactly once each, whatever the crash cut: one Final CDR per session in Kafka itself, to the cent.
    await eventually('a CDR for every session', async () => {
      const { body } = await api<Page<{ transactionId: number }>>(system, 'GET', '/cdrs?tariffId=crash-flat&limit=200');
      return all.every((id) => body.items.some((c) => c.transactionId === id)) ? true : undefined;
    }, 60_000);
    const cdrs = (await readTopic(env, 'billing')).filter((e) => e.type === 'CdrIssued' && all.includes(e.transactionId));
    assert.deepEqual(cdrs.map((c) => c.type === 'CdrIssued' && c.transactionId).sort(), [...all].sort(), 'one CDR per session, none twice');
    for (const cdr of cdrs) {
      if (cdr.type !== 'CdrIssued') continue;
      // 10.000 to 10.003 kWh at 0.30 is 3.00, plus the 0.50 fee.
      assert.deepEqual([cdr.kind, cdr.priced.totalExclVatMinor], ['Final', 350], `transaction ${cdr.transactionId}`);
    }
  });

  it('commits a batch exactly once when the processors are killed after producing it and before committing it', async () => {
    const id = 'CRASH-HELD';
    const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id, callTimeoutMs: 120_000 });
    await cp.connect();
    await cp.boot();
    // From now on every batch stops once produced, before its commit, and says so in this file.
    const held = join(mkdtempSync(join(tmpdir(), 'csms-held-')), 'held');
    await system.stop('processors');
    await system.start('processors', 0, { CSMS_PROCESSOR_HOLD_BEFORE_COMMIT: held });
    const start = cp.startTransaction({ connectorId: 1, idTag: 'CRASH-TAG', meterStart: 0, timestamp: '2025-03-01T08:00:00.000Z' });
    await eventually('the batch held before its commit', async () => (existsSync(held) ? true : undefined), 60_000);
    assert.match(readFileSync(held, 'utf8'), /^\d+$/, 'the failpoint names the partition it held');
    await system.kill('processors');
    await system.start('processors');
    const { transactionId } = await start;
    await cp.call('StopTransaction', { transactionId, meterStop: 5_000, timestamp: '2025-03-01T09:00:00.000Z', idTag: 'CRASH-TAG' });
    await cp.close();

    await eventually('the session completed', async () => {
      const { body } = await api<Transaction>(system, 'GET', `/transactions/${transactionId}`);
      return body?.status === 'Completed' ? true : undefined;
    }, 60_000);
    const sessions = await readTopic(env, 'sessions');
    const started = sessions.filter((e) => e.chargePointId === id && e.type === 'TransactionStarted');
    assert.equal(started.length, 1, 'the held transaction was aborted, not committed; its replay committed once');
    assert.equal(started[0]!.type === 'TransactionStarted' && started[0]!.transactionId, transactionId, 'the station got the committed id');
    const { body } = await api<Page<Transaction>>(system, 'GET', `/transactions?chargePointId=${id}`);
    assert.equal(body.total, 1);
  });

  it('loses and repeats nothing in the read models when the projections are killed under load', async () => {
    let replies = 0;
    let crashPoint: () => void = () => {};
    const crashed = new Promise<void>((resolve) => { crashPoint = resolve; });
    // Half-way through the stations' replies: sessions are being started, sampled and stopped around it.
    const killAt = STATIONS * SESSIONS * 2;
    const drive = async (station: number) => {
      const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id: `PCRASH-${station}`, callTimeoutMs: 120_000 });
      await cp.connect();
      const ids: number[] = [];
      for (let session = 0; session < SESSIONS; session += 1) {
        const startAt = new Date(Date.UTC(2025, 1, 1 + session, station));
        const result = await playSeedWorkflow(cp, { idTag: 'CRASH-TAG', meterStartWh: session * 100_000, energyWh: 10_000, samples: 2, startAt },
          () => { replies += 1; if (replies === killAt) crashPoint(); });
        ids.push(result.transactionId);
      }
      await cp.close();
      return ids;
    };
    const traffic = Promise.all(Array.from({ length: STATIONS }, (_, i) => drive(i)));
    await crashed;
    await system.kill('projections');
    await system.start('projections');
    const ids = (await traffic).flat();
    assert.ok(replies > killAt, `the crash fell mid-stream (${killAt} of ${replies} replies before it)`);
    for (const txId of ids) {
      const body = await eventually(`transaction ${txId} completed`, async () => {
        const { body } = await api<Transaction>(system, 'GET', `/transactions/${txId}`);
        return body?.status === 'Completed' ? body : undefined;
      }, 60_000);
      assert.equal(body.meterValues?.length, 4, `transaction ${txId} has each sample once`);
    }
    // The test below rebuilds every projection from Kafka and compares: nothing lost or repeated anywhere else either.
  });

  it('rebuilds every projection from offset 0 into identical rows', async () => {
    // Compared once every projection has folded everything in Kafka, as its stored offsets say.
    await projectionsCaughtUp(env);
    const before = await system.dumpReadModels();
    assert.ok(before.transactions!.length >= STATIONS * SESSIONS);
    await system.stop('projections');
    await system.rebuildProjections();
    const rebuilt = await system.dumpReadModels();
    assert.deepEqual(rebuilt, before);
  });
});
