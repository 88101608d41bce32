import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stopped, T0 } from '../test-events.ts';
import { profileSet } from '../test-station-facts.ts';
import { discardedBy, endedBefore, transactionEnded } from './transaction-ends.ts';

const stop = stopped('CP001', 101, T0 + 60_000, T0);

test('a stop is remembered once per stop event, with its connector and the time the CSMS saw it', () => {
  const statement = transactionEnded(stop);
  assert.match(statement.text, /^INSERT INTO charging_profile_transaction_ends \(charge_point_id, transaction_id, connector_id, ended_at\) /);
  assert.match(statement.text, /ON CONFLICT \(charge_point_id, transaction_id, ended_at\) DO UPDATE SET connector_id = EXCLUDED\.connector_id$/);
  assert.deepEqual(statement.values, ['CP001', 101, 1, new Date(stop.at)]);
});

test('a stop discards the TxProfiles of its transaction and those without one set on its connector before it', () => {
  const statement = discardedBy(stop);
  assert.equal(
    statement.text,
    'DELETE FROM charging_profiles WHERE charge_point_id = $1 AND purpose = $2 '
      + 'AND (transaction_id = $3 OR (transaction_id IS NULL AND connector_id = $4 AND set_at <= $5))',
  );
  assert.deepEqual(statement.values, ['CP001', 'TxProfile', 101, 1, new Date(stop.at)]);
});

test('a stop whose connector is unknown discards by transaction id only', () => {
  const statement = discardedBy({ ...stop, connectorId: null });
  assert.equal(statement.text, 'DELETE FROM charging_profiles WHERE charge_point_id = $1 AND purpose = $2 AND transaction_id = $3');
  assert.deepEqual(statement.values, ['CP001', 'TxProfile', 101]);
});

test('a TxProfile is checked against the stops already seen, the same predicate as a later stop applies', () => {
  const statement = endedBefore(profileSet('CP001', { connectorId: 1, chargingProfileId: 7, stackLevel: 0, purpose: 'TxProfile', transactionId: 101 }, T0));
  assert.ok(statement !== null);
  assert.match(statement.text, /^DELETE FROM charging_profiles p WHERE p\.charge_point_id = \$1 AND p\.charging_profile_id = \$2 AND p\.purpose = \$3 /);
  assert.match(statement.text, /e\.transaction_id = p\.transaction_id OR \(p\.transaction_id IS NULL AND e\.connector_id = p\.connector_id AND e\.ended_at >= p\.set_at\)/);
  assert.deepEqual(statement.values, ['CP001', 7, 'TxProfile']);
});

test('profiles of other purposes outlive transactions', () => {
  for (const purpose of ['TxDefaultProfile', 'ChargePointMaxProfile'] as const) {
    assert.equal(endedBefore(profileSet('CP001', { connectorId: 1, chargingProfileId: 7, stackLevel: 0, purpose }, T0)), null);
  }
});
