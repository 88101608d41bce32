import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T0 } from '../test-events.ts';
import { compositeSchedule, profilesCleared, profileSet } from '../test-station-facts.ts';
import { clearedBy, compositeScheduleRow, profileRow, replacedBy } from './rows.ts';

const spec = { connectorId: 1, chargingProfileId: 10, stackLevel: 2, purpose: 'TxDefaultProfile' } as const;

test('a profile keeps its validity, its purpose and the profile JSON verbatim', () => {
  const event = profileSet('CP001', spec, T0);
  const row = profileRow(event);
  assert.deepEqual(row.valid_from, new Date(T0));
  assert.deepEqual(row.valid_to, new Date(T0 + 86_400_000));
  assert.equal(row.purpose, 'TxDefaultProfile');
  assert.equal(row.profile, event.profile);
  assert.deepEqual(row.set_at, new Date(T0));
  assert.equal(row.transaction_id, null);
  assert.equal(profileRow(profileSet('CP001', { ...spec, purpose: 'TxProfile', transactionId: 101 }, T0)).transaction_id, 101);
});

test('a new profile replaces the same id anywhere and the same stack level and purpose on its connector', () => {
  const statement = replacedBy(profileSet('CP001', spec, T0));
  assert.match(statement.text, /charging_profile_id = \$2 OR \(connector_id = \$3 AND stack_level = \$4 AND purpose = \$5\)/);
  assert.deepEqual(statement.values, ['CP001', 10, 1, 2, 'TxDefaultProfile']);
});

test('clearing matches the criteria given, any value for those left out', () => {
  assert.deepEqual(clearedBy(profilesCleared('CP001', {}, T0)), {
    text: 'DELETE FROM charging_profiles WHERE charge_point_id = $1', values: ['CP001'],
  });
  assert.deepEqual(clearedBy(profilesCleared('CP001', { connectorId: 0, stackLevel: 3 }, T0)), {
    text: 'DELETE FROM charging_profiles WHERE charge_point_id = $1 AND connector_id = $2 AND stack_level = $3', values: ['CP001', 0, 3],
  });
  assert.deepEqual(clearedBy(profilesCleared('CP001', { purpose: 'TxProfile' }, T0)).values, ['CP001', 'TxProfile']);
});

test('clearing by id clears that profile whatever the other criteria say', () => {
  assert.deepEqual(clearedBy(profilesCleared('CP001', { chargingProfileId: 10, connectorId: 2 }, T0)), {
    text: 'DELETE FROM charging_profiles WHERE charge_point_id = $1 AND charging_profile_id = $2', values: ['CP001', 10],
  });
});

test('a composite schedule is kept per connector with its start', () => {
  const row = compositeScheduleRow(compositeSchedule('CP001', 1, T0));
  assert.equal(row.connector_id, 1);
  assert.deepEqual(row.schedule_start, new Date(T0));
  assert.equal(typeof row.schedule, 'string');
});
