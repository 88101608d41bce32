// Re-rating end to end: sessions billed under a tariff whose energy price turns out wrong, the
// price corrected as a new version from before them, a dry run through `npm run rerate` that
// writes nothing, the real one through the admin API that credits each CDR and issues a
// Correction, the same re-rating again changing nothing, and a rebuild of the billing read
// models from offset 0 giving the same rows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { playSeedWorkflow, simulatedChargePoint } from '../src/simulator/index.ts';
import { cdrOf, untilSessionsAreBilled, type Cdr } from './billing-views.ts';
import { projectionsCaughtUp } from './caught-up.ts';
import { readTopic } from './read-topic.ts';
import { api, type RunningSystem, startSystem } from './system.ts';

const TAG = 'RERATE-TAG';
/** 0.30 EUR per kWh, 20 % VAT: the seed session's 25.5 kWh cost 7.65 + 1.53 = 9.18. */
const flat = {
  id: 'e2e-rerate', name: 'Flat energy', currency: 'EUR', timeZone: 'UTC', vatRate: '20', validFrom: '2024-01-01T00:00:00Z', correction: true,
  elements: [{ priceComponents: [{ type: 'ENERGY', price: '0.30' }] }],
};
const JANUARY = ['--tariff', flat.id, '--from', '2025-01-01', '--to', '2025-02-01'];

async function session(system: RunningSystem, id: string, startAt: string): Promise<Cdr> {
  const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id });
  await cp.connect();
  const { transactionId } = await playSeedWorkflow(cp, { idTag: TAG, meterStartWh: 1000, energyWh: 25_500, startAt: new Date(startAt) })
    .finally(() => cp.close());
  return cdrOf(system, id, transactionId);
}

interface Page<T> { items: T[]; total: number }
interface Rerate { rerateId: string; status: string; sessions: { billedCdrId: string; status: string; newTotalInclVatMinor: number | null; correctionCdrId: string | null }[] | null }

describe('re-rating end to end', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  let january: Cdr[];
  let march: Cdr;
  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, 25_000);
    assert.ok([200, 201, 202].includes((await api(system, 'POST', '/id-tags', { idTag: TAG, status: 'Accepted' })).status));
    assert.ok([201, 202].includes((await api(system, 'POST', '/tariffs', flat)).status));
    assert.ok([200, 202].includes((await api(system, 'PUT', '/tariff-assignments', { scope: 'Default', tariffId: flat.id })).status));
    // The probe sessions that open the gate are in December, outside every period re-rated here.
    await untilSessionsAreBilled(system, TAG, new Date('2024-12-02T08:00:00Z'));
    january = [await session(system, 'RERATE-CP1', '2025-01-15T10:05:00Z'), await session(system, 'RERATE-CP2', '2025-01-20T18:00:00Z')];
    march = await session(system, 'RERATE-CP3', '2025-03-03T09:00:00Z');
    assert.deepEqual([...january, march].map((c) => [c.kind, c.totalInclVatMinor]), [['Final', 918], ['Final', 918], ['Final', 918]]);
    // The price was 0.20: corrected from before every session.
    const corrected = await api(system, 'POST', `/tariffs/${flat.id}/versions`, {
      validFrom: '2024-01-01T00:00:00Z', correction: true, elements: [{ priceComponents: [{ type: 'ENERGY', price: '0.20' }] }],
    });
    assert.ok([200, 201, 202].includes(corrected.status), JSON.stringify(corrected.body));
  });
  after(async () => {
    await system?.shutdown();
    await env?.stop();
  });

  it('a dry run through npm run rerate says what would change and writes no credit', async () => {
    const { code, stdout, stderr } = await system.runScript('infra/scripts/rerate.ts', [...JANUARY, '--dry-run']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /\(dry run: nothing written\)/);
    assert.match(stdout, /2 sessions billed under the tariff in the period, 2 would be corrected, change incl. VAT -6\.12 EUR/);
    for (const cdr of january) assert.match(stdout, new RegExp(`${cdr.cdrId}  9\\.18 → 6\\.12 EUR`));
    const billing = await readTopic(env, 'billing');
    assert.equal(billing.filter((e) => e.type === 'CdrCredited').length, 0);
  });

  it('the admin API re-rates: each January CDR is credited in full and replaced by a Correction; March is left alone', async () => {
    const { status, body } = await api<Rerate>(system, 'POST', '/rerates?wait=60', { tariffId: flat.id, from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z', reason: 'energy was 0.20' });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.status, 'Completed');
    assert.deepEqual(body.sessions?.map((s) => [s.billedCdrId, s.status, s.newTotalInclVatMinor]).sort(), january.map((c) => [c.cdrId, 'corrected', 612]).sort());

    const billing = await readTopic(env, 'billing');
    for (const cdr of january) {
      const records = billing.filter((e) => e.type !== 'SessionCostUpdated' && e.transactionId === cdr.transactionId && e.chargePointId === cdr.chargePointId);
      const totals = records.map((e) => (e.type === 'CdrCredited' ? e.totalInclVatMinor : e.type === 'CdrIssued' ? e.priced.totalInclVatMinor : 0));
      assert.deepEqual(records.map((e) => (e.type === 'CdrIssued' ? e.kind : e.type)), ['Final', 'CdrCredited', 'Correction']);
      assert.equal(totals.reduce((a, b) => a + b, 0), 612, 'what the session is billed in all is the new price, to the cent');
    }
    const { body: billed } = await api<Page<Cdr & { creditedBy: string | null }>>(system, 'GET', `/cdrs?tariffId=${flat.id}&billable=true&limit=100`);
    const byStation = new Map(billed.items.filter((c) => c.chargePointId.startsWith('RERATE-CP')).map((c) => [c.chargePointId, [c.kind, c.totalInclVatMinor]]));
    assert.deepEqual(Object.fromEntries(byStation), { 'RERATE-CP1': ['Correction', 612], 'RERATE-CP2': ['Correction', 612], [march.chargePointId]: ['Final', 918] });
  });

  it('the same re-rating again changes nothing', async () => {
    const { code, stdout, stderr } = await system.runScript('infra/scripts/rerate.ts', JANUARY);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /2 sessions billed under the tariff in the period, 0 corrected/);
    const billing = await readTopic(env, 'billing');
    assert.equal(billing.filter((e) => e.type === 'CdrCredited').length, 2);
    assert.equal(billing.filter((e) => e.type === 'CdrIssued' && e.kind === 'Correction').length, 2);
  });

  it('rebuilding the billing read models from offset 0 gives the same rows', async () => {
    await projectionsCaughtUp(env);
    const tables = ['cdrs', 'cdr_credits', 'session_costs', 'rerates'];
    const pick = (dump: Record<string, unknown[]>) => Object.fromEntries(tables.map((t) => [t, dump[t]]));
    const before = pick(await system.dumpReadModels());
    assert.equal(before.rerates?.length, 3);
    assert.equal(before.cdr_credits?.length, 2);
    await system.stop('projections');
    await system.rebuildProjections();
    assert.deepEqual(pick(await system.dumpReadModels()), before);
  });
});
