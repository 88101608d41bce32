// Family 'schema-payload': a CALL of an action a charge point may send, its payload made from
// the official schema and then, for all but the valid variant, one field made hostile.
import { fuzzMessageId, type FieldPath, type FrameContext, type FuzzFrame } from './fuzz-frame.ts';
import type { ActionPayloads, MutationKind, PayloadMutation } from './payload-mutations.ts';
import type { Random } from './random.ts';
import { sampleValue, type JsonSchema } from './schema-sample.ts';

/** Stands in the payload for number text JSON.stringify cannot write (-0, 1e400, 2^53 + 1). */
const RAW_MARKER = '__fuzz_raw_number__';

/** Out of the range of an Avro int (2^31), a SQL bigint or a double's exact integers, or no number at all once parsed. */
const EXTREME_NUMBERS = [
  '3000000000', '-3000000000', '2147483648', '-2147483649', '1e300', '-1e300', '-0', '1e400', '-1e400',
  '9007199254740993', '123456789012345678901234567890',
];
const FRACTIONS = [1.5, -0.5, 0.1, 1e-7];
/** NUL, lone surrogates, C0/C1 controls, bidi overrides, BOM, a non-character, SQL and path text, astral characters. */
const HOSTILE_TEXTS = [
  '\u0000', 'A\u0000B', '\ud800', 'x\udfffy', '\udc00\ud800', '\u0007\u0008\u001b[2J', '\r\n\t', '\u0085\u2028\u2029',
  '\u202eRTL', '\ufeffBOM', '\uffff', "'; DROP TABLE x;--", '%00%s%n', '../../etc/passwd', '\ud835\udd4f\ud83d\ude00',
];
/** Accepted by the station-time rule (contracts/src/station-time.ts), yet far from any real clock. */
const EXTREME_DATES = [
  '9999-12-31T23:59:59.999Z', '0000-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '2025-02-30T10:00:00Z',
  '2025-01-01T24:00:00Z', '2025-06-01T12:00:00', '2025-06-01T12:00:00.123456789+14:00', '1900-01-01T00:00:00-12:00',
];
const GARBAGE_DATES = [
  '2025-13-01T00:00:00Z', 'yesterday', '', '+275760-09-13T00:00:00.000Z', '2025-01-01T00:00:00+99:99',
  '2025-01-01 00:00', '1736000000', '9999-99-99T99:99:99Z',
];
const EXTRA_NAMES = ['extra', '__proto__', 'constructor', 'x'.repeat(300), '\u0000', ''];

function wrongTypeValue(schema: JsonSchema, random: Random): unknown {
  switch (schema.type) {
    case 'string': return random.pick([42, true, null, {}, ['x']]);
    case 'integer':
    case 'number': return random.pick(['42', true, null, {}, [1]]);
    case 'boolean': return random.pick(['true', 0, null, {}]);
    case 'object': return random.pick([[], 'x', 7, null]);
    case 'array': return random.pick([{}, 'x', 7, null]);
    case undefined: return null;
    default: {
      const unknown: never = schema.type;
      return unknown;
    }
  }
}

function hostileText(schema: JsonSchema, random: Random): string {
  const text = random.pick(HOSTILE_TEXTS);
  // Cutting an astral pair in half leaves a lone surrogate: hostile all the same.
  return schema.maxLength === undefined ? text : text.slice(0, schema.maxLength);
}

type Replacement = { readonly value: unknown } | { readonly raw: string } | { readonly remove: true } | { readonly add: string; readonly value: unknown };

function replacementFor(kind: Exclude<MutationKind, 'valid'>, schema: JsonSchema, random: Random): Replacement {
  switch (kind) {
    case 'wrong-type': return { value: wrongTypeValue(schema, random) };
    case 'fractional-integer': return { value: random.pick(FRACTIONS) };
    case 'extreme-number': return { raw: random.pick(EXTREME_NUMBERS) };
    case 'hostile-text': return { value: hostileText(schema, random) };
    case 'over-long': return { value: 'X'.repeat(schema.maxLength !== undefined ? schema.maxLength + 1 : random.int(1000, 8000)) };
    case 'extreme-date': return { value: random.pick(EXTREME_DATES) };
    case 'garbage-date': return { value: random.pick(GARBAGE_DATES) };
    case 'missing-required': return { remove: true };
    case 'extra-field': return { add: random.pick(EXTRA_NAMES), value: random.pick([1, 'x', {}, null]) };
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

/** Defines rather than assigns, so "__proto__" becomes a property and not the prototype. */
function define(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

/** The payload with the replacement applied; the field at `path` exists because samples hold every property. */
function applyReplacement(payload: unknown, path: FieldPath, replacement: Replacement): unknown {
  const value = 'raw' in replacement ? RAW_MARKER : 'value' in replacement ? replacement.value : undefined;
  if ('add' in replacement) {
    const target = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], payload);
    define(target as Record<string, unknown>, replacement.add, replacement.value);
    return payload;
  }
  if (path.length === 0) return value;
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], payload);
  const key = path[path.length - 1]!;
  if ('remove' in replacement) delete (parent as Record<string | number, unknown>)[key];
  else define(parent as Record<string | number, unknown>, key, value);
  return payload;
}

export function payloadFrame(payloads: ActionPayloads, mutation: PayloadMutation, random: Random, index: number): FuzzFrame {
  let payload = sampleValue(payloads.root, payloads.root, random);
  let raw: string | null = null;
  if (mutation.kind !== 'valid') {
    const replacement = replacementFor(mutation.kind, mutation.field.schema, random);
    if ('raw' in replacement) raw = replacement.raw;
    payload = applyReplacement(payload, mutation.field.path, replacement);
  }
  const text = JSON.stringify([2, fuzzMessageId(index), mutation.action, payload]);
  return {
    family: 'schema-payload',
    variant: mutation.kind,
    data: raw === null ? text : text.replace(`"${RAW_MARKER}"`, raw),
    binary: false,
    target: { action: mutation.action, path: mutation.field.path, expectation: mutation.expectation },
  };
}

/**
 * Actions are picked evenly, then a kind of mutation, then a field: so an action with many
 * fields does not crowd out the others, and wrong types (which every field admits) do not
 * crowd out the values only the edge can refuse. The valid payload is one kind among them.
 */
export function schemaPayloadFrame(random: Random, context: FrameContext, catalogue: readonly ActionPayloads[]): FuzzFrame {
  const payloads = random.pick(catalogue);
  const kind = random.pick([...payloads.byKind.keys()]);
  const mutation = random.pick(payloads.byKind.get(kind)!);
  return payloadFrame(payloads, mutation, random, context.index);
}
