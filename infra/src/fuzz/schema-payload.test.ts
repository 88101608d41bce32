import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileOcppSchemas, ocppSchemas, parseStationTime, type ErrorObject } from '@csms/contracts';
import type { FieldPath } from './fuzz-frame.ts';
import { payloadCatalogue, type PayloadMutation } from './payload-mutations.ts';
import { randomStream } from './random.ts';
import { payloadFrame } from './schema-payload.ts';
import { readSchema } from './schema-sample.ts';

const schemas = ocppSchemas('ocpp1.6');
// The gateway's validators: station times accepted (contracts/src/station-time.ts).
const validators = compileOcppSchemas('ocpp1.6', { stationTimes: true });
// Every action with a request schema, so the fuzzer copes with whichever the gateway lists.
const everyAction = schemas.map((s) => /^urn:(.+)\.req$/.exec(s.$id)?.[1]).filter((a): a is string => a !== undefined);
const catalogue = payloadCatalogue(schemas, everyAction);
const SEEDS = [1, 2, 3];

const pointer = (path: FieldPath) => path.map((key) => `/${key}`).join('');

function valueAt(payload: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], payload);
}

/** The schema error that the mutation claims, at the field it names. */
function failsAtField(mutation: PayloadMutation, error: ErrorObject): boolean {
  const { path } = mutation.field;
  switch (mutation.kind) {
    case 'missing-required':
      return error.keyword === 'required' && error.instancePath === pointer(path.slice(0, -1)) && error.params.missingProperty === path.at(-1);
    case 'extra-field':
      return error.keyword === 'additionalProperties' && error.instancePath === pointer(path);
    default:
      return error.instancePath === pointer(path);
  }
}

/** What an `unchecked` mutation put at its field. */
function isHostile(mutation: PayloadMutation, value: unknown, text: string): boolean {
  switch (mutation.kind) {
    case 'extreme-number': return typeof value === 'number'
      && (!Number.isSafeInteger(value) || Math.abs(value) > 2 ** 31 - 1 || Object.is(value, -0) || /-0[\],}]/.test(text));
    case 'hostile-text': return typeof value === 'string' && /[^\x20-\x7e]|DROP|\.\.\/|%/.test(value);
    case 'over-long': return typeof value === 'string' && value.length >= 1000;
    case 'extreme-date': return typeof value === 'string' && parseStationTime(value) !== null;
    case 'extra-field': return typeof value === 'object' && value !== null;
    default: return false;
  }
}

describe('schema-payload frames against the official OCPP 1.6 schemas', () => {
  it('covers every request schema, each with a valid payload and a mutation of every field', () => {
    assert.equal(catalogue.length, everyAction.length);
    assert.ok(everyAction.includes('BootNotification') && everyAction.includes('SignCertificate'));
    for (const payloads of catalogue) {
      assert.equal(payloads.mutations[0]!.kind, 'valid');
      assert.ok(payloads.mutations.some((m) => m.kind === 'wrong-type' && m.field.path.length === 0), payloads.action);
    }
  });

  for (const payloads of catalogue) {
    it(`${payloads.action}: the valid payload passes, every invalid one fails at its field, every unchecked one carries its value`, () => {
      const validate = validators.get(`urn:${payloads.action}.req`)!;
      for (const seed of SEEDS) {
        payloads.mutations.forEach((mutation, n) => {
          const frame = payloadFrame(payloads, mutation, randomStream(seed, n), n);
          const text = frame.data as string;
          const [type, id, action, payload] = JSON.parse(text) as [number, string, string, unknown];
          assert.deepEqual([type, id, action], [2, `fz-${n}`, payloads.action]);
          const where = `${payloads.action} ${mutation.kind} at ${pointer(mutation.field.path) || '/'} (seed ${seed}): ${text.slice(0, 300)}`;
          const ok = validate(payload);
          if (mutation.expectation === 'valid') assert.ok(ok, `${where} should pass: ${JSON.stringify(validate.errors)}`);
          else if (mutation.expectation === 'invalid') {
            assert.ok(!ok, `${where} should fail`);
            assert.ok(failsAtField(mutation, validate.errors![0]!), `${where} fails elsewhere: ${JSON.stringify(validate.errors)}`);
          } else assert.ok(isHostile(mutation, valueAt(payload, mutation.field.path), text), `${where} carries no hostile value`);
        });
      }
    });
  }

  it('makes BootNotification fail at chargePointVendor when its type is wrong', () => {
    const boot = catalogue.find((p) => p.action === 'BootNotification')!;
    const mutation = boot.mutations.find((m) => m.kind === 'wrong-type' && m.field.path[0] === 'chargePointVendor')!;
    const [, , , payload] = JSON.parse(payloadFrame(boot, mutation, randomStream(7, 0), 0).data as string) as unknown[];
    const validate = validators.get('urn:BootNotification.req')!;
    assert.equal(validate(payload), false);
    assert.equal(validate.errors![0]!.instancePath, '/chargePointVendor');
    assert.equal(validate.errors![0]!.keyword, 'type');
  });

  it('writes numbers JSON.stringify cannot: -0, 1e400, 2^53 + 1', () => {
    const start = catalogue.find((p) => p.action === 'StartTransaction')!;
    const mutation = start.mutations.find((m) => m.kind === 'extreme-number' && m.field.path[0] === 'meterStart')!;
    const texts = new Set(Array.from({ length: 300 }, (_, n) => payloadFrame(start, mutation, randomStream(1, n), n).data as string));
    for (const raw of ['"meterStart":-0,', '"meterStart":1e400,', '"meterStart":9007199254740993,', '"meterStart":3000000000,']) {
      assert.ok([...texts].some((text) => text.includes(raw)), `some frame has ${raw}`);
    }
  });

  it('refuses a schema with a keyword it does not understand', () => {
    assert.throws(() => readSchema({ type: 'string', pattern: '^a' }, 'urn:X.req'), /pattern/);
    assert.throws(() => payloadCatalogue(schemas, ['NoSuchAction']), /urn:NoSuchAction\.req/);
  });
});
