import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VariablesReported } from '@csms/contracts';
import { T0 } from '../test-events.ts';
import { attribute, deviceModel, reportPart, variablesAnswered } from '../test-ocpp201-events.ts';
import { foldVariables, variableKey, variableRow, type VariableRow } from './rows.ts';

/** Folds facts one after another into an empty device model, as the projector does row by row. */
function fold(events: readonly VariablesReported[]): Map<string, VariableRow> {
  const model = new Map<string, VariableRow>();
  for (const event of events) for (const row of foldVariables(model, event)) model.set(row.variable_key, row);
  return model;
}

function withoutTimes(model: Map<string, VariableRow>): object[] {
  return [...model.values()].map(({ updated_at: _at, ...row }) => row).sort((a, b) => a.variable_key.localeCompare(b.variable_key));
}

test('names are compared case-insensitively; instances, EVSE, connector and attribute type keep attributes apart', () => {
  const heartbeat = attribute('OCPPCommCtrlr', 'HeartbeatInterval', '300');
  assert.equal(variableKey(heartbeat), variableKey({ ...heartbeat, component: 'ocppcommctrlr', variable: 'HEARTBEATINTERVAL' }));
  for (const other of [
    { componentInstance: 'Backup' }, { evseId: 1 }, { evseId: 1, connectorId: 1 }, { variableInstance: 'Min' }, { attributeType: 'Target' },
  ]) assert.notEqual(variableKey(heartbeat), variableKey({ ...heartbeat, ...other }), JSON.stringify(other));
});

test('a report attribute becomes a row with its characteristics, the fact\'s time and source', () => {
  const event = reportPart('CP201', 5, 0, false, [deviceModel()[0]!], T0);
  assert.deepEqual(variableRow(event, event.variables[0]!), {
    charge_point_id: 'CP201', variable_key: '["ocppcommctrlr",null,null,null,"heartbeatinterval",null,"actual"]',
    component: 'OCPPCommCtrlr', component_instance: null, evse_id: null, connector_id: null, variable: 'HeartbeatInterval',
    variable_instance: null, attribute_type: 'Actual', value: '300', mutability: 'ReadWrite', persistent: true, constant: false,
    data_type: 'integer', unit: 's', values_list: null, min_limit: 1, max_limit: 86_400, last_status: null,
    updated_at: new Date(T0), source: 'NotifyReport',
  });
});

test('a report in 20 parts folds into the same device model as one part holding everything', () => {
  const all = Array.from({ length: 40 }, (_, i) => attribute(`Ctrlr${i % 7}`, `Variable${i}`, String(i)));
  const parts = Array.from({ length: 20 }, (_, seqNo) => reportPart('CP201', 9, seqNo, seqNo < 19, all.slice(seqNo * 2, seqNo * 2 + 2), T0 + seqNo));
  const whole = reportPart('CP201', 9, 0, false, all, T0);
  assert.deepEqual(withoutTimes(fold(parts)), withoutTimes(fold([whole])));
  assert.equal(fold(parts).size, 40);
});

test('a GetVariables answer sets the value and status and keeps the characteristics a report gave', () => {
  const model = fold([
    reportPart('CP201', 1, 0, false, deviceModel(), T0),
    variablesAnswered('CP201', 'GetVariables', [attribute('ocppCommCtrlr', 'heartbeatInterval', '120', {
      status: 'Accepted', mutability: null, persistent: null, constant: null, dataType: null,
    })], T0 + 1_000),
  ]);
  const row = model.get(variableKey(attribute('OCPPCommCtrlr', 'HeartbeatInterval', null)))!;
  assert.deepEqual([row.value, row.last_status, row.source, row.unit, row.max_limit, row.mutability, row.data_type],
    ['120', 'Accepted', 'GetVariables', 's', 86_400, 'ReadWrite', 'integer']);
  assert.deepEqual([row.component, row.updated_at], ['OCPPCommCtrlr', new Date(T0 + 1_000)], 'the names as the report spelled them');
});

test('a SetVariables answer sets the value it established; one without a value keeps the value; a later report keeps the status', () => {
  const set = (value: string | null, status: string, at: number) => variablesAnswered('CP201', 'SetVariables', [attribute('OCPPCommCtrlr', 'HeartbeatInterval', value, {
    status, mutability: null, persistent: null, constant: null, dataType: null,
  })], at);
  const key = variableKey(attribute('OCPPCommCtrlr', 'HeartbeatInterval', null));
  const report = reportPart('CP201', 1, 0, false, deviceModel(), T0);
  for (const status of ['Accepted', 'RebootRequired']) {
    const row = fold([report, set('60', status, T0 + 1)]).get(key)!;
    assert.deepEqual([row.value, row.last_status, row.unit], ['60', status, 's'], status);
  }
  for (const status of ['Rejected', 'UnknownVariable']) {
    const row = fold([report, set(null, status, T0 + 1)]).get(key)!;
    assert.deepEqual([row.value, row.last_status], ['300', status], status);
  }
  const reported = fold([report, set('60', 'RebootRequired', T0 + 1), reportPart('CP201', 2, 0, false, [attribute('OCPPCommCtrlr', 'HeartbeatInterval', '60')], T0 + 2)]).get(key)!;
  assert.deepEqual([reported.value, reported.last_status, reported.source], ['60', 'RebootRequired', 'NotifyReport']);
});

test('an answer about a variable never reported makes a row of what it says', () => {
  const model = fold([variablesAnswered('CP201', 'GetVariables', [attribute('Foo', 'Bar', null, {
    status: 'UnknownComponent', mutability: null, persistent: null, constant: null, dataType: null,
  })], T0)]);
  const [row] = model.values();
  assert.deepEqual([row?.value, row?.last_status, row?.data_type], [null, 'UnknownComponent', null]);
});
