import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignment, tariff, tariffVersion } from '../test-billing-events.ts';
import { T0 } from '../test-events.ts';
import { toAssignmentView, toTariffView, type TariffAssignmentRow, type TariffRow } from './queries.ts';
import { assignmentRow, tariffRow } from './rows.ts';

test('a tariff keeps every version, and its newest version\'s number and currency beside them', () => {
  const record = tariff('T-STD', 3);
  const row = tariffRow(record);
  assert.deepEqual([row.id, row.name, row.current_version, row.currency, row.updated_at, row.updated_by], [
    'T-STD', 'Tariff T-STD', 3, 'EUR', new Date(T0 - 60_000), 'key:admin',
  ]);
  assert.deepEqual(JSON.parse(row.versions as string), record.versions);
});

test('the newest version is the highest number, whatever the order of the list', () => {
  const versions = [tariffVersion({ version: 2, currency: 'SEK' }), tariffVersion({ version: 1 })];
  const row = tariffRow(tariff('T-SEK', 0, { versions }));
  assert.deepEqual([row.current_version, row.currency], [2, 'SEK']);
});

test('a tariff without versions has no current version', () => {
  const row = tariffRow(tariff('T-EMPTY', 0));
  assert.deepEqual([row.current_version, row.currency, row.versions], [null, null, '[]']);
  const view = toTariffView({ ...row, versions: [] } as unknown as TariffRow);
  assert.deepEqual([view.currentVersion, view.currency, view.versions], [0, '', []]);
});

test('the tariff view gives back the versions as written, with ISO instants', () => {
  const record = tariff('T-STD', 2);
  const row = tariffRow(record);
  const view = toTariffView({ ...row, versions: JSON.parse(row.versions as string) } as unknown as TariffRow);
  assert.deepEqual(view, {
    id: 'T-STD', name: 'Tariff T-STD', currency: 'EUR', currentVersion: 2, versions: record.versions,
    updatedAt: new Date(T0 - 60_000).toISOString(), updatedBy: 'key:admin',
  });
});

test('an assignment row is keyed by the topic key it came under', () => {
  const row = assignmentRow('evse:CP001:2', assignment('Evse', 'T-STD', { chargePointId: 'CP001', evseId: 2 }));
  assert.deepEqual(row, {
    key: 'evse:CP001:2', scope: 'Evse', charge_point_id: 'CP001', evse_id: 2, group_id_token: null, tariff_id: 'T-STD',
    updated_at: new Date(T0 - 60_000), updated_by: 'key:admin',
  });
  assert.deepEqual(toAssignmentView(row as unknown as TariffAssignmentRow), {
    key: 'evse:CP001:2', scope: 'Evse', chargePointId: 'CP001', evseId: 2, groupIdToken: null, tariffId: 'T-STD',
    updatedAt: new Date(T0 - 60_000).toISOString(), updatedBy: 'key:admin',
  });
});
