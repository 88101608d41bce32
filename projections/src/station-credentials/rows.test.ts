import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T0 } from '../test-events.ts';
import { credentialRow } from './rows.ts';

test('a credential keeps when and by whom it was set, never a hash', () => {
  const row = credentialRow({
    chargePointId: 'CP001', passwordHash: 'scrypt$14$8$1$c2FsdA==$aGFzaA==', previousPasswordHash: 'scrypt$14$8$1$b2xk$b2xk',
    previousValidUntil: T0 + 86_400_000, updatedAt: T0, updatedBy: 'key:k1',
  });
  assert.deepEqual(row, {
    charge_point_id: 'CP001', password_set_at: new Date(T0), password_set_by: 'key:k1', previous_valid_until: new Date(T0 + 86_400_000),
  });
  assert.ok(!JSON.stringify(row).includes('scrypt'));
});
