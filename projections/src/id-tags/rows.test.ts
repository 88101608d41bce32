import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ocpp16Detail } from '@csms/contracts';
import { T0 } from '../test-events.ts';
import { authorizationRow, idTagRow } from './rows.ts';

test('an id tag maps its epoch times to dates', () => {
  assert.deepEqual(idTagRow({ idTag: 'RFID-1', status: 'Blocked', expiryDate: T0, parentIdTag: 'P', updatedAt: T0 + 1, updatedBy: null, idTokenType: null }), {
    id_tag: 'RFID-1', status: 'Blocked', expiry_date: new Date(T0), parent_id_tag: 'P', updated_at: new Date(T0 + 1), id_token_type: null,
  });
});

test('an id tag keeps the OCPP 2.0.1 token type it must be presented as', () => {
  const row = idTagRow({ idTag: 'EMAID-0001', status: 'Accepted', expiryDate: null, parentIdTag: null, updatedAt: T0, updatedBy: null, idTokenType: 'eMAID' });
  assert.equal(row.id_token_type, 'eMAID');
});

test('an authorization is keyed by its source record', () => {
  const row = authorizationRow(
    { type: 'AuthorizationDecided', chargePointId: 'CP001', at: T0, idTag: 'RFID-1', status: 'Invalid', expiryDate: null, parentIdTag: null, ...ocpp16Detail.AuthorizationDecided },
    { topic: 'sessions', partition: 1, offset: 9 },
  );
  assert.equal(row.source_partition, 1);
  assert.equal(row.source_offset, 9);
  assert.equal(row.status, 'Invalid');
  assert.deepEqual(row.decided_at, new Date(T0));
});
