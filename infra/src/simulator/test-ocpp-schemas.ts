// Test support: the official OCPP schemas (with the CSMS's value rules), each compiled when a
// test first needs it (compiling a whole version takes seconds), to hold payloads to.
import assert from 'node:assert/strict';
import { compileWithValueRules, ocppSchemaId, ocppSchemas, type OcppDirection, type OcppVersion, type ValidateFunction } from '@csms/contracts';

const compiled = new Map<string, ValidateFunction>();

function validatorOf(version: OcppVersion, id: string): ValidateFunction | undefined {
  const key = `${version} ${id}`;
  if (!compiled.has(key)) {
    // Without its `urn:` $id, as compileOcppSchemas does (ajv's URI resolver refuses it).
    const found = ocppSchemas(version).find((schema) => schema.$id === id);
    if (found === undefined) return undefined;
    const { $id: _id, ...schema } = found;
    compiled.set(key, compileWithValueRules(schema, { stationTimes: false }));
  }
  return compiled.get(key);
}

/** Fails naming the action and the first schema error. */
export function assertValidOcpp(version: OcppVersion, action: string, direction: OcppDirection, payload: unknown): void {
  const validate = validatorOf(version, ocppSchemaId(action, direction));
  assert.ok(validate, `no ${version} schema for ${action}.${direction}`);
  assert.ok(validate(payload), `${action}.${direction} breaks its schema: ${JSON.stringify(validate.errors?.[0])} in ${JSON.stringify(payload)}`);
}
