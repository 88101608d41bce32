import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createSerdeOver, inMemorySchemaRegistry, type Serde } from '@csms/contracts';
import { fleetPlan } from './fleet-plan.ts';
import { encodeRecord, type PlannedRecord } from './planned-record.ts';
import { laneRecords } from './planned-records.ts';
import { kindOf } from './test-planned-kind.ts';

// The serde over the contracts' Avro schemas, as the real one is but with the registry in memory:
// encoding checks each value against its topic's schema, as it will when the bench writes.
let serde: Serde;
before(async () => { serde = await createSerdeOver(inMemorySchemaRegistry(), 'rebuildbench-test.'); });

/** Two sessions a station and the leftover heartbeats: every kind the bench writes. */
const plan = fleetPlan(2 * (4 + 2 * 15) + 1 + 3, 2);
const records = [...laneRecords({ plan, t0: Date.parse('2025-01-15T10:00:00.000Z'), lane: 0, lanes: 1 })];

async function decoded(record: PlannedRecord): Promise<unknown> {
  return serde.decode(record.topic, await encodeRecord(serde, record));
}

describe('the rebuild benchmark\'s records in Avro', () => {
  it('cover every kind the bench writes', () => {
    assert.deepEqual(new Set(records.map(kindOf)), new Set([
      'IdTag', 'ChargePoint', 'StationConnected', 'StationBooted', 'ConnectorStatusChanged', 'HeartbeatReceived',
      'AuthorizationDecided', 'TransactionStarted', 'MeterValuesSampled', 'TransactionStopped',
    ]));
  });

  it('pass their topic\'s schema and read back as written', async () => {
    for (const record of records) assert.deepEqual(await decoded(record), record.value, kindOf(record));
  });

  it('are refused when a value breaks the schema, so the test above can fail', async () => {
    const record = records.find((r) => r.topic === 'sessions' && r.value.type === 'TransactionStarted')!;
    const broken = { ...record, value: { ...record.value, transactionId: 'not a number' } } as unknown as PlannedRecord;
    await assert.rejects(encodeRecord(serde, broken), /invalid sessions value at .*transactionId/);
  });
});
