import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSerdeOver, inMemorySchemaRegistry, type ChargePoint } from '@csms/contracts';
import type { ProjectedTopic, ProjectionRecord } from '../projection.ts';
import { decodeRecord } from './decode.ts';

test('a message becomes the record of its topic: UTF-8 key, decoded value, null value a tombstone', async () => {
  const serde = await createSerdeOver(inMemorySchemaRegistry(), '');
  const chargePoint: ChargePoint = {
    id: 'CP-1', name: null, location: null, registrationStatus: 'Accepted', updatedAt: 1, securityProfile: 2, updatedBy: null, site: null,
  };
  const decoded = await decodeRecord(serde, 'chargePoints', { offset: '0', key: Buffer.from('CP-1'), value: await serde.encode('chargePoints', chargePoint) });
  // Typed by its topic: the value is a ChargePoint without narrowing.
  assert.equal(decoded.value?.securityProfile, 2);
  assert.deepEqual(decoded, { topic: 'chargePoints', key: 'CP-1', value: chargePoint });
  const topic: ProjectedTopic = 'idTags';
  const tombstone: ProjectionRecord = await decodeRecord(serde, topic, { offset: '1', key: Buffer.from('T1'), value: null });
  assert.deepEqual(tombstone, { topic: 'idTags', key: 'T1', value: null });
  assert.equal((await decodeRecord(serde, 'stations', { offset: '2', key: null, value: null })).key, null);
});
