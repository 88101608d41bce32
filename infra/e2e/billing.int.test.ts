// Billing end to end: an operator's time-of-day tariff through the REST API and the compacted
// tariff topics, a simulated OCPP 1.6 session priced by the processors from its own meter
// readings and timestamps, and its one CDR read back as JSON, CSV and OCPI 2.2.1 JSON; stations
// whose operator turned cost display on see their running and final cost.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ocpiCdrProblems } from '@csms/contracts';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { playSeedWorkflow, playSession201, simulatedChargePoint, simulatedChargingStation } from '../src/simulator/index.ts';
import { cdrOf, untilSessionsAreBilled } from './billing-views.ts';
import { readTopic } from './read-topic.ts';
import { costDisplayVariable, costMessage, receivedCalls } from './station-costs.ts';
import { api, E2E_ADMIN_API_KEY, eventually, startSystem, untilShownConnected, type RunningSystem } from './system.ts';

const TAG = 'BILL-TAG';
/**
 * Peak energy from 10:00 to 10:15 UTC, off-peak energy otherwise, charging time and a session
 * fee from the second element (the first has none of those), 20 % VAT.
 */
const timeOfDay = {
  id: 'e2e-time-of-day', name: 'Peak and off-peak', currency: 'EUR', timeZone: 'UTC', vatRate: '20',
  validFrom: '2025-01-01T00:00:00Z', correction: true,
  elements: [
    { priceComponents: [{ type: 'ENERGY', price: '0.40' }], restrictions: { startTime: '10:00', endTime: '10:15' } },
    { priceComponents: [{ type: 'ENERGY', price: '0.20' }, { type: 'TIME', price: '1.20' }, { type: 'FLAT', price: '0.50' }] },
  ],
};

/** Where BILL-CP2 stands, for the OCPI CDR's location. */
const SITE = {
  address: 'Stationsplein 12', city: 'Utrecht', postalCode: '3511 ED', country: 'NLD',
  coordinates: { latitude: '52.089444', longitude: '5.110278' }, timeZone: 'Europe/Amsterdam',
};

/** Plays one seed session (boot, authorize, start, three meter values, stop after 25 minutes) and answers its transaction id. */
async function session(system: RunningSystem, id: string, startAt: string): Promise<number> {
  const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id });
  await cp.connect();
  try {
    const result = await playSeedWorkflow(cp, { idTag: TAG, meterStartWh: 1000, energyWh: 25_500, startAt: new Date(startAt) });
    return result.transactionId;
  } finally {
    await cp.close();
  }
}

describe('billing end to end', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, 24_700);
    assert.ok([200, 201, 202].includes((await api(system, 'POST', '/id-tags', { idTag: TAG, status: 'Accepted' })).status));
    const created = await api(system, 'POST', '/tariffs', timeOfDay);
    assert.ok([201, 202].includes(created.status), JSON.stringify(created.body));
    const assigned = await api(system, 'PUT', '/tariff-assignments', { scope: 'Default', tariffId: timeOfDay.id });
    assert.ok([200, 201, 202].includes(assigned.status), JSON.stringify(assigned.body));
    await untilSessionsAreBilled(system, TAG, new Date('2025-01-10T08:00:00Z'));
  });
  after(async () => {
    await system?.shutdown();
    await env?.stop();
  });

  it('prices a session with a time-of-day tariff from the station\'s readings: one Final CDR with exact totals', async () => {
    const transactionId = await session(system, 'BILL-CP1', '2025-01-15T10:05:00Z');
    const cdr = await cdrOf(system, 'BILL-CP1', transactionId);
    // 10:05-10:15: 12.75 kWh at 0.40 = 5.10; 10:15-10:30: 12.75 kWh at 0.20 = 2.55; 25 minutes at 1.20/h = 0.50;
    // the session fee 0.50: 8.65 excluding VAT, 1.73 VAT, 10.38 in all.
    assert.deepEqual(
      [cdr.kind, cdr.tariffId, cdr.currency, cdr.energyWh, cdr.totalExclVatMinor, cdr.vatMinor, cdr.totalInclVatMinor, cdr.flags],
      // The simulated station's clock says January 2025: priced by it, and flagged.
      ['Final', timeOfDay.id, 'EUR', 25_500, 865, 173, 1038, ['CLOCK_SKEW']],
    );
    const { body: detail } = await api<typeof cdr>(system, 'GET', `/cdrs/${cdr.cdrId}`);
    const byComponent = new Map<string, number>();
    for (const line of detail.priced?.lines ?? []) byComponent.set(`${line.component} ${line.unitPrice}`, (byComponent.get(`${line.component} ${line.unitPrice}`) ?? 0) + line.amountMinor);
    assert.deepEqual(Object.fromEntries(byComponent), { 'FLAT 0.5': 50, 'ENERGY 0.4': 510, 'TIME 1.2': 50, 'ENERGY 0.2': 255 });
    const { status, body: cost } = await api<{ final: boolean; cdrId: string | null; totalInclVatMinor: number }>(
      system, 'GET', `/transactions/${transactionId}/cost`);
    assert.equal(status, 200);
    assert.deepEqual([cost.final, cost.cdrId, cost.totalInclVatMinor], [true, cdr.cdrId, 1038]);

    const billing = await readTopic(env, 'billing');
    const issued = billing.filter((e) => e.type === 'CdrIssued' && e.transactionId === transactionId);
    assert.equal(issued.length, 1, 'exactly one CDR for the session in csms.billing');
    assert.ok(billing.some((e) => e.type === 'SessionCostUpdated' && e.transactionId === transactionId), 'a running cost on the way');
  });

  it('exports the period\'s CDRs as CSV and as OCPI 2.2.1 CDRs that validate against the CDR schema', async () => {
    const registered = await api(system, 'POST', '/charge-points', { id: 'BILL-CP2', site: SITE });
    assert.ok([201, 202].includes(registered.status), JSON.stringify(registered.body));
    const transactionId = await session(system, 'BILL-CP2', '2025-02-03T10:05:00Z');
    const cdr = await cdrOf(system, 'BILL-CP2', transactionId);
    const period = 'from=2025-02-01T00:00:00Z&to=2025-03-01T00:00:00Z';
    const csv = await fetch(`${system.apiUrl}/cdrs/export?format=csv&${period}`, { headers: { authorization: `Bearer ${E2E_ADMIN_API_KEY}` } });
    assert.equal(csv.status, 200);
    const lines = (await csv.text()).trim().split(/\r\n/);
    assert.equal(lines.length, 2, 'a header and the one CDR of February');
    assert.ok(lines[1]!.includes(cdr.cdrId) && lines[1]!.includes('10.38'), lines[1]);

    const { status, body: ocpi } = await api<{ id: string; total_cost: { excl_vat: number; incl_vat: number }; total_energy: number }[]>(
      system, 'GET', `/cdrs/export?format=ocpi&${period}`);
    assert.equal(status, 200);
    assert.deepEqual(ocpi.map((c) => [c.id, c.total_cost.excl_vat, c.total_cost.incl_vat, c.total_energy]), [[cdr.cdrId, 8.65, 10.38, 25.5]]);
    assert.deepEqual(ocpi.map(ocpiCdrProblems), [[]], 'valid OCPI 2.2.1 CDRs');
    assert.deepEqual((ocpi[0] as unknown as { cdr_location: object }).cdr_location, {
      id: 'BILL-CP2', address: SITE.address, city: SITE.city, postal_code: SITE.postalCode, country: 'NLD', coordinates: SITE.coordinates,
      evse_uid: 'BILL-CP2*1', evse_id: 'BILL-CP2*1', connector_id: '1',
      connector_standard: 'IEC_62196_T2', connector_format: 'SOCKET', connector_power_type: 'AC_3_PHASE',
    });
  });

  it('sends a 1.6 station that shows cost its running and final cost as California Pricing DataTransfers', async () => {
    const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id: 'BILL-CP3' });
    const calls = receivedCalls(cp.client);
    cp.model.configuration.set('CustomDisplayCostAndPrice', { value: 'false', readonly: false });
    await cp.connect();
    try {
      await cp.boot();
      await untilShownConnected(system, 'BILL-CP3', 'ocpp1.6');
      const turnedOn = await api<{ status: string }>(system, 'POST', '/charge-points/BILL-CP3/commands/ChangeConfiguration?wait=30',
        { key: 'CustomDisplayCostAndPrice', value: 'true' });
      assert.equal(turnedOn.body.status, 'Accepted', JSON.stringify(turnedOn.body));
      const { transactionId } = await playSeedWorkflow(cp, { idTag: TAG, meterStartWh: 1000, energyWh: 25_500, startAt: new Date('2025-03-10T10:05:00Z') });
      await eventually('a FinalCost DataTransfer', async () => (calls.some((call) => costMessage(call)?.messageId === 'FinalCost') ? true : undefined));
      const cdr = await cdrOf(system, 'BILL-CP3', transactionId);
      const messages = calls.map(costMessage).filter((m) => m !== null);
      const running = messages.filter((m) => m.messageId === 'RunningCost');
      assert.ok(running.length >= 1, 'a running cost while charging');
      assert.ok(running.every((m) => m.data.transactionId === transactionId && m.data.state === 'Charging'), JSON.stringify(running));
      const final = messages.filter((m) => m.messageId === 'FinalCost');
      assert.equal(final.length, 1);
      assert.deepEqual([final[0]!.data.transactionId, final[0]!.data.cost], [transactionId, cdr.totalInclVatMinor / 100]);
    } finally {
      await cp.close();
    }
  });

  it('sends a 2.0.1 station that shows cost CostUpdated while charging and totalCost in the answer to its Ended', async () => {
    const cs = simulatedChargingStation({ endpoint: system.ocppUrl, id: 'BILL-CS4' });
    const calls = receivedCalls(cs.client);
    cs.deviceModel.variables.push(costDisplayVariable);
    await cs.connect();
    try {
      await cs.boot();
      await untilShownConnected(system, 'BILL-CS4', 'ocpp2.0.1');
      const turnedOn = await api<{ status: string; response: { setVariableResult: { attributeStatus: string }[] } }>(
        system, 'POST', '/charge-points/BILL-CS4/commands/SetVariables?wait=30',
        { setVariableData: [{ component: { name: 'TariffCostCtrlr' }, variable: { name: 'Enabled', instance: 'Cost' }, attributeValue: 'true' }] });
      assert.deepEqual(turnedOn.body.response?.setVariableResult.map((r) => r.attributeStatus), ['Accepted'], JSON.stringify(turnedOn.body));
      const result = await playSession201(cs, {
        idToken: { idToken: TAG, type: 'ISO14443' }, evseId: 1, meterStartWh: 1000, energyWh: 25_500, samples: 3,
        startAt: new Date('2025-03-11T10:05:00Z'), transactionId: 'BILL-CS4-TX',
      });
      const ended = result.steps.filter((s) => s.action === 'TransactionEvent').at(-1)!.response as { totalCost?: number };
      const transactionId = await eventually('the transaction in the read model', async () => {
        const { body } = await api<{ items: { transactionId: number }[] }>(
          system, 'GET', '/transactions?chargePointId=BILL-CS4&stationTransactionId=BILL-CS4-TX');
        return body.items[0]?.transactionId;
      });
      const cdr = await cdrOf(system, 'BILL-CS4', transactionId);
      assert.equal(ended.totalCost, cdr.totalInclVatMinor / 100, 'the Ended answer carries the CDR\'s total including VAT');
      await eventually('a CostUpdated', async () => (calls.some((call) => call.action === 'CostUpdated') ? true : undefined));
      const updates = calls.filter((call) => call.action === 'CostUpdated');
      assert.ok(updates.every((call) => call.payload.transactionId === 'BILL-CS4-TX' && typeof call.payload.totalCost === 'number'), JSON.stringify(updates));
    } finally {
      await cs.close();
    }
  });
});
