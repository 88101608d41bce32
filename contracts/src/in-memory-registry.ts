// A schema registry in memory, for unit tests of code that encodes and decodes records: the
// same wire format and schemas as the real one, without the I/O.
import type { SchemaRegistryPort } from './serde.ts';

export function inMemorySchemaRegistry(): SchemaRegistryPort {
  const schemas: string[] = [];
  return {
    async register(_subject, schema) {
      const known = schemas.indexOf(schema);
      if (known >= 0) return known + 1;
      schemas.push(schema);
      return schemas.length;
    },
    async schemaById(_subject, id) {
      const schema = schemas[id - 1];
      if (schema === undefined) throw Object.assign(new Error(`no schema ${id}`), { status: 404 });
      return schema;
    },
  };
}
