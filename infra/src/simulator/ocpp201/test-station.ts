// Test support: a station context whose follow-ups are collected rather than sent, and the
// official 2.0.1 schemas (with the CSMS's value rules) to hold every payload to.
import assert from 'node:assert/strict';
import { compileWithValueRules, ocppSchemaId, ocppSchemas, type OcppDirection, type ValidateFunction } from '@csms/contracts';
import { defaultDeviceModel, type EvseLayout } from './default-device-model.ts';
import type { StationContext } from './station-context.ts';
import { newStationModel201 } from './station-model.ts';

const compiled = new Map<string, ValidateFunction>();

/** Each schema compiled when first needed: compiling all of them takes seconds. */
function validatorOf(id: string): ValidateFunction | undefined {
  if (!compiled.has(id)) {
    // Without its `urn:` $id, as compileOcppSchemas does (ajv's URI resolver refuses it).
    const found = ocppSchemas('ocpp2.0.1').find((schema) => schema.$id === id);
    if (found === undefined) return undefined;
    const { $id: _id, ...schema } = found;
    compiled.set(id, compileWithValueRules(schema, { stationTimes: false }));
  }
  return compiled.get(id);
}

/** Fails naming the action and the first schema error. */
export function assertValid201(action: string, direction: OcppDirection, payload: unknown): void {
  const validate = validatorOf(ocppSchemaId(action, direction));
  assert.ok(validate, `no 2.0.1 schema for ${action}.${direction}`);
  assert.ok(validate(payload), `${action}.${direction} breaks its schema: ${JSON.stringify(validate.errors?.[0])} in ${JSON.stringify(payload)}`);
}

export interface TestStation {
  readonly context: StationContext;
  /** The follow-ups the handlers queued, in order. */
  readonly sent: Array<readonly [action: string, payload: object]>;
  readonly passwords: string[];
}

export function testStation(evses: readonly EvseLayout[] = [{ id: 1, connectors: 1 }, { id: 2, connectors: 1 }], reportPartSize = 10): TestStation {
  const sent: Array<readonly [string, object]> = [];
  const passwords: string[] = [];
  const context: StationContext = {
    id: 'TEST-CS', model: newStationModel201(evses), deviceModel: defaultDeviceModel('TEST-CS', evses),
    now: () => new Date('2025-03-01T12:00:00.000Z'),
    later: (action, payload) => { sent.push([action, payload]); },
    waitFor: () => undefined,
    reportPartSize,
    beforeLastReportPart: async () => undefined,
    usePassword: (password) => { passwords.push(password); },
  };
  return { context, sent, passwords };
}
