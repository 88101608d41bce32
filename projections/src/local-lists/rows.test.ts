import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T0 } from '../test-events.ts';
import { entry, localListUpdated, localListVersion } from '../test-station-facts.ts';
import { entryChanges, listReportedRow, listSentRow } from './rows.ts';

test('a Full update replaces the list with its entries', () => {
  const changes = entryChanges(localListUpdated('CP001', 3, 'Full', [entry('A', 'Accepted', T0 + 1_000), entry('B', 'Blocked')], T0));
  assert.equal(changes.replaceAll, true);
  assert.deepEqual(changes.removals, []);
  assert.deepEqual(changes.upserts[0], {
    charge_point_id: 'CP001', id_tag: 'A', status: 'Accepted', expiry_date: new Date(T0 + 1_000), parent_id_tag: null, updated_at: new Date(T0),
  });
  assert.deepEqual(changes.upserts.map((r) => r.id_tag), ['A', 'B']);
});

test('a Differential update upserts entries with a status and removes those without', () => {
  const changes = entryChanges(localListUpdated('CP001', 4, 'Differential', [entry('A', null), entry('C', 'Accepted')], T0));
  assert.equal(changes.replaceAll, false);
  assert.deepEqual(changes.removals, ['A']);
  assert.deepEqual(changes.upserts.map((r) => [r.id_tag, r.status]), [['C', 'Accepted']]);
});

test('the version sent and the version reported are separate columns', () => {
  assert.deepEqual(listSentRow(localListUpdated('CP001', 4, 'Differential', [], T0)), {
    charge_point_id: 'CP001', version_sent: 4, update_type: 'Differential', sent_at: new Date(T0),
  });
  assert.deepEqual(listReportedRow(localListVersion('CP001', 2, T0 + 5)), {
    charge_point_id: 'CP001', version_reported: 2, reported_at: new Date(T0 + 5),
  });
});
