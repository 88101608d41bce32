// The billing records through the same serde every service uses (an in-memory registry here):
// a tariff with every kind of restriction, and a CDR carrying a priced session, come back as
// they went in, so what pricing computed is what the topic holds, byte for byte.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inMemorySchemaRegistry } from '../in-memory-registry.ts';
import { createSerdeOver } from '../serde.ts';
import type { CdrIssued, Tariff } from '../generated/avro-types.ts';
import { priceSession } from './pricing.ts';
import { component, element, HOUR, OPTIONS, reading, session, T0, tariff } from './test-builders.ts';

const version = tariff([
  element([component('ENERGY', '0.30', 1000), component('FLAT', '1.00')], { startTime: '22:00', endTime: '06:00', dayOfWeek: ['SATURDAY', 'SUNDAY'], minKwh: 0.5 }),
  element([component('ENERGY', '0.35'), component('PARKING_TIME', '2.40', 300, '9')]),
], { minPrice: '0.50', idlePowerThresholdW: 500 });

describe('billing records on their topics', () => {
  it('Given a tariff with its versions, when it is written and read, then every field comes back', async () => {
    const serde = await createSerdeOver(inMemorySchemaRegistry(), '');
    const record: Tariff = { id: 'T1', name: 'Night and weekend', versions: [version, { ...version, version: 2, validFrom: T0 }], updatedAt: T0, updatedBy: 'key:admin' };
    assert.deepEqual(await serde.decode('tariffs', await serde.encode('tariffs', record)), record);
  });

  it('Given a priced session, when its CDR is written and read, then it is the same priced session', async () => {
    const serde = await createSerdeOver(inMemorySchemaRegistry(), '');
    const priced = priceSession(session({ readings: [reading(T0 + HOUR / 2, 6000, 7000)] }), [version], OPTIONS);
    const cdr: CdrIssued = {
      type: 'CdrIssued', chargePointId: 'CP001', at: T0 + HOUR, cdrId: 'CDR-CP001-13', kind: 'Final', correctsCdrId: null, transactionId: 13,
      stationTransactionId: null, connectorId: 1, idTag: 'RFID-1', idTokenType: null, groupIdToken: null, tariffId: 'T1', priced,
    };
    const back = await serde.decode('billing', await serde.encode('billing', cdr));
    assert.deepEqual(back, cdr);
    assert.equal(JSON.stringify(back), JSON.stringify(cdr));
  });
});
