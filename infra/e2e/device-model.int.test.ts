// A 2.0.1 station's device model end to end: GetBaseReport answered Accepted, the report sent in
// many NotifyReport parts, and GET /charge-points/{id}/variables showing all of it, and saying
// so, only once the last part is in. The station holds its last part at an explicit gate, so the
// incomplete report is seen at a known point. SetVariables answers update what it shows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { simulatedChargingStation, type DeviceModel, type SimulatedChargingStation } from '../src/simulator/index.ts';
import { gate } from './gate.ts';
import { allCaughtUp } from './processors-caught-up.ts';
import { api, eventually, startSystem, type RunningSystem } from './system.ts';

const ID = 'E2E201-DM';
const PART_SIZE = 4;

/** One attribute of one variable, as the variables read model names it (VariableAttributeReport's fields). */
interface VariableRow {
  component: string; componentInstance: string | null; evseId: number | null; connectorId: number | null;
  variable: string; variableInstance: string | null; attributeType: string; value: string | null; mutability?: string | null;
}
interface DeviceModelView { complete: boolean; variables: VariableRow[] }

const keyOf = (r: VariableRow) => [r.component, r.componentInstance, r.evseId, r.connectorId, r.variable, r.variableInstance, r.attributeType].join('|');

/** What the station holds, one row per attribute; a WriteOnly value is never reported. */
function expectedRows(model: DeviceModel): Map<string, string | null> {
  return new Map(model.variables.flatMap((v) => v.attributes.map((a) => [keyOf({
    component: v.component.name, componentInstance: v.component.instance ?? null, evseId: v.component.evse?.id ?? null,
    connectorId: v.component.evse?.connectorId ?? null, variable: v.variable.name, variableInstance: v.variable.instance ?? null,
    attributeType: a.type, value: null,
  }), a.mutability === 'WriteOnly' ? null : a.value] as const)));
}

const shown = (view: DeviceModelView) => new Map(view.variables.map((r) => [keyOf(r), r.value] as const));

describe('a 2.0.1 device model reported in parts, end to end', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  let cs: SimulatedChargingStation;
  const lastPart = gate(1);
  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, 24_900);
    cs = simulatedChargingStation({
      endpoint: system.ocppUrl, id: ID, evses: [{ id: 1, connectors: 2 }, { id: 2, connectors: 2 }, { id: 3, connectors: 1 }],
      reportPartSize: PART_SIZE, beforeLastReportPart: () => lastPart.wait(),
    });
    await cs.connect();
    await cs.boot();
    await eventually(`${ID} shown connected`, async () => {
      const { body } = await api<{ connected: boolean }>(system, 'GET', `/connections/${ID}`);
      return body?.connected ? true : undefined;
    });
  });
  after(async () => {
    await cs?.close();
    await system?.shutdown();
    await env?.stop();
  });

  const variables = async (): Promise<DeviceModelView> => {
    await allCaughtUp(env);
    const { status, body } = await api<DeviceModelView>(system, 'GET', `/charge-points/${ID}/variables`);
    assert.equal(status, 200);
    return body;
  };

  it('shows the whole report, and calls it complete, only once its last part is in', async () => {
    const expected = expectedRows(cs.deviceModel);
    const parts = Math.ceil(cs.deviceModel.variables.length / PART_SIZE);
    assert.ok(parts >= 10, `a report in many parts (${parts})`);
    const { body: command } = await api<{ status: string }>(system, 'POST', `/charge-points/${ID}/commands/GetBaseReport?wait=30`,
      { requestId: 501, reportBase: 'FullInventory' });
    assert.equal(command.status, 'Accepted');

    // Every part but the last has been sent and answered: the station waits at the gate.
    await lastPart.reached;
    const partial = await variables();
    assert.equal(partial.complete, false, 'a part is still to come');
    const partialRows = shown(partial);
    assert.ok(partialRows.size > 0 && partialRows.size < expected.size, `some of the report (${partialRows.size} of ${expected.size} rows)`);
    for (const [key, value] of partialRows) assert.equal(value, expected.get(key), `${key} as the station reported it`);

    lastPart.open();
    await cs.idle();
    const whole = await variables();
    assert.equal(whole.complete, true);
    assert.deepEqual(shown(whole), expected);
  });

  it('shows what SetVariables and GetVariables answers report', async () => {
    const heartbeat = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };
    const set = await api<{ status: string }>(system, 'POST', `/charge-points/${ID}/commands/SetVariables?wait=30`,
      { setVariableData: [{ ...heartbeat, attributeValue: '300' }] });
    assert.equal(set.body.status, 'Accepted');
    const got = await api<{ status: string; response: { getVariableResult: Array<{ attributeValue?: string }> } }>(
      system, 'POST', `/charge-points/${ID}/commands/GetVariables?wait=30`, { getVariableData: [heartbeat] });
    assert.equal(got.body.response.getVariableResult[0]?.attributeValue, '300', 'the station took it');
    const view = await variables();
    const row = view.variables.find((r) => r.component === 'OCPPCommCtrlr' && r.variable === 'HeartbeatInterval' && r.attributeType === 'Actual');
    assert.equal(row?.value, '300');
    assert.equal(view.complete, true, 'a variable set is no report left unfinished');
  });
});
