import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T0 } from '../test-events.ts';
import { configurationChanged, configurationReported } from '../test-station-facts.ts';
import { changeRow, reportDeletions, reportedKeyRows } from './rows.ts';

const keys = [
  { key: 'HeartbeatInterval', value: '60', readonly: false },
  { key: 'NumberOfConnectors', value: '2', readonly: true },
];

test('reported keys carry their value, readonly flag and the report time', () => {
  const rows = reportedKeyRows(configurationReported('CP001', keys, true, T0));
  assert.deepEqual(rows[1], {
    charge_point_id: 'CP001', key: 'NumberOfConnectors', value: '2', readonly: true, reported_at: new Date(T0),
  });
  assert.equal(rows.length, 2);
});

test('a complete report removes the keys it does not list', () => {
  const [statement, ...rest] = reportDeletions(configurationReported('CP001', keys, true, T0));
  assert.match(statement!.text, /NOT \(key = ANY\(\$2\)\)/);
  assert.deepEqual(statement!.values, ['CP001', ['HeartbeatInterval', 'NumberOfConnectors']]);
  assert.deepEqual(rest, []);
});

test('a partial report removes only the keys the station does not know', () => {
  assert.deepEqual(reportDeletions(configurationReported('CP001', keys, false, T0)), []);
  const statements = reportDeletions(configurationReported('CP001', [], false, T0, ['Foo']));
  assert.deepEqual(statements.map((s) => s.values), [['CP001', ['Foo']]]);
  assert.doesNotMatch(statements[0]!.text, /NOT/);
});

test('a change keeps its status whatever it is', () => {
  assert.deepEqual(changeRow(configurationChanged('CP001', 'HeartbeatInterval', '30', 'RebootRequired', T0)), {
    charge_point_id: 'CP001', key: 'HeartbeatInterval', value: '30', status: 'RebootRequired', requested_at: new Date(T0),
  });
});
