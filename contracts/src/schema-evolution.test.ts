// The schema registry enforces no compatibility rule (docs/architecture.md), so this test does:
// every record schema released to a running system (a copy in contracts/avro/released/, updated
// on release) must resolve both ways with the current one. A new reader reads records already
// on the topic; an old reader, still running during a rolling deploy, reads the new records.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import { avroOptions, loadRecordSchemas } from './avro-schemas.ts';
import { exampleSite } from './test-station-site.ts';

const releasedDir = fileURLToPath(new URL('../avro/released/', import.meta.url));

function releasedSchemas(): { file: string; type: avro.Type }[] {
  return readdirSync(releasedDir)
    .filter((file) => file.endsWith('.avsc'))
    .sort()
    .map((file) => ({ file, type: avro.Type.forSchema(JSON.parse(readFileSync(releasedDir + file, 'utf8')) as avro.Schema, avroOptions) }));
}

/** Writes a value with `writer` and reads it back with `reader`, through avsc's resolver. */
function resolve(reader: avro.Type, writer: avro.Type, value: unknown): unknown {
  // Spread: avsc reads records as instances of a class of its own.
  return { ...(reader.fromBuffer(writer.toBuffer(value), reader.createResolver(writer)) as object) };
}

describe('schema evolution', () => {
  const current = loadRecordSchemas();
  const released = releasedSchemas();

  for (const name of ['io.csms.ocpp.OutboundFrame', 'io.csms.config.ChargePoint']) {
    it(`has a released copy of the ${name} schema`, () => {
      assert.ok(released.some(({ type }) => type.name === name));
    });
  }

  for (const { file, type: old } of released) {
    it(`resolves released ${file} with the current schema, both ways`, () => {
      const now = current[old.name!];
      assert.ok(now, `${old.name} is no longer a record in contracts/avro`);
      // createResolver throws when the schemas are incompatible in that direction.
      for (let i = 0; i < 20; i += 1) {
        resolve(now, old, old.random());
        resolve(old, now, now.random());
      }
    });
  }

  describe('OutboundFrame', () => {
    const old = released.find(({ type }) => type.name === 'io.csms.ocpp.OutboundFrame')!.type;
    const now = current['io.csms.ocpp.OutboundFrame']!;
    const base = { chargePointId: 'CP1', node: 2, connectionId: 'c1', frameType: 'CallResult', messageId: 'm1', at: 5, deadline: null };

    it('reads a record written before the structured fields: they are null, the text is kept', () => {
      assert.deepEqual(resolve(now, old, { ...base, raw: '[3,"m1",{}]' }), {
        ...base, raw: '[3,"m1",{}]', action: null, payload: null, errorCode: null, errorDescription: null, errorDetails: null,
      });
    });

    it('lets a reader of the released schema read a structured record (raw "")', () => {
      const written = { ...base, raw: '', action: null, payload: '{}', errorCode: null, errorDescription: null, errorDetails: null };
      assert.deepEqual(resolve(old, now, written), { ...base, raw: '' });
    });
  });

  describe('ChargePoint', () => {
    const old = released.find(({ type }) => type.name === 'io.csms.config.ChargePoint')!.type;
    const now = current['io.csms.config.ChargePoint']!;
    const base = { id: 'CP1', name: null, location: 'Depot', registrationStatus: 'Accepted', updatedAt: 5, securityProfile: 0, updatedBy: null };

    it('reads a registration written before sites as one without a site', () => {
      assert.deepEqual(resolve(now, old, base), { ...base, site: null });
    });

    it('lets a reader of the released schema read a registration with a site, without it', () => {
      assert.deepEqual(resolve(old, now, { ...base, site: exampleSite }), base);
    });
  });
});
