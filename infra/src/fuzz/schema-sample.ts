// The official OCPP JSON schemas as the fuzzer reads them: a valid value for any schema, and
// every field of a message with the schema it must satisfy. Only the keywords the OCPP 1.6
// schemas use are understood; any other throws, so a schema the fuzzer does not understand
// cannot quietly turn its "valid" frames invalid.
import { isRecord } from '@csms/contracts';
import type { FieldPath } from './fuzz-frame.ts';
import type { Random } from './random.ts';

export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

export interface JsonSchema {
  readonly type?: JsonType;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: JsonSchema;
  readonly enum?: readonly string[];
  readonly format?: 'date-time' | 'uri';
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly multipleOf?: number;
  readonly $ref?: string;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}

export interface SchemaField {
  /** Empty for the payload itself. */
  readonly path: FieldPath;
  /** With its $ref resolved. */
  readonly schema: JsonSchema;
  /** Listed in its object's `required`. */
  readonly required: boolean;
}

const KEYWORDS = new Set([
  '$id', '$schema', 'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'format', 'maxLength',
  'minItems', 'multipleOf', '$ref', 'definitions',
]);
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const FORMATS = new Set(['date-time', 'uri']);

function checkSchema(value: unknown, where: string): void {
  if (!isRecord(value)) throw new TypeError(`${where}: a schema must be an object`);
  for (const key of Object.keys(value)) if (!KEYWORDS.has(key)) throw new TypeError(`${where}: keyword '${key}' is not understood`);
  if (value.type !== undefined && !TYPES.has(value.type as string)) throw new TypeError(`${where}: type ${JSON.stringify(value.type)}`);
  if (value.format !== undefined && !FORMATS.has(value.format as string)) throw new TypeError(`${where}: format ${JSON.stringify(value.format)}`);
  if (value.additionalProperties !== undefined && typeof value.additionalProperties !== 'boolean') {
    throw new TypeError(`${where}: additionalProperties must be a boolean`);
  }
  for (const list of ['required', 'enum'] as const) {
    const items = value[list];
    if (items !== undefined && !(Array.isArray(items) && items.every((item) => typeof item === 'string'))) {
      throw new TypeError(`${where}: ${list} must list strings`);
    }
  }
  for (const group of ['properties', 'definitions'] as const) {
    const children = value[group];
    if (children === undefined) continue;
    if (!isRecord(children)) throw new TypeError(`${where}: ${group} must be an object`);
    for (const [name, child] of Object.entries(children)) checkSchema(child, `${where}/${group}/${name}`);
  }
  if (value.items !== undefined) checkSchema(value.items, `${where}/items`);
}

/** The schema, checked to use only the keywords understood here. */
export function readSchema(value: unknown, where: string): JsonSchema {
  checkSchema(value, where);
  return value as JsonSchema;
}

export function resolveSchema(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const name = /^#\/definitions\/([^/]+)$/.exec(schema.$ref)?.[1];
  const target = name === undefined ? undefined : root.definitions?.[name];
  if (target === undefined) throw new TypeError(`unresolvable $ref ${schema.$ref}`);
  return resolveSchema(target, root);
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SAMPLE_EPOCH = Date.UTC(2025, 0, 1);
const URIS = ['https://fw.example.com/fw-1.2.bin', 'ftp://diag.example.com/upload', 'wss://csms.example.com/ocpp'];

function sampleString(schema: JsonSchema, random: Random): string {
  if (schema.enum !== undefined) return random.pick(schema.enum);
  if (schema.format === 'date-time') return new Date(SAMPLE_EPOCH + random.int(0, 365 * 86_400) * 1000).toISOString();
  if (schema.format === 'uri') return random.pick(URIS);
  const length = random.int(1, Math.min(schema.maxLength ?? 20, 20));
  let text = '';
  for (let i = 0; i < length; i += 1) text += ALPHANUMERIC[random.int(0, ALPHANUMERIC.length - 1)];
  return text;
}

/** An integer, which a `multipleOf` of 0.1 accepts only when the division comes out whole. */
function sampleNumber(schema: JsonSchema, random: Random): number {
  const value = random.int(0, 1000);
  return schema.multipleOf === undefined || Number.isInteger(value / schema.multipleOf) ? value : 0;
}

/** A value the schema accepts, with every optional property present so every field can be reached. */
export function sampleValue(schema: JsonSchema, root: JsonSchema, random: Random): unknown {
  const resolved = resolveSchema(schema, root);
  switch (resolved.type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [name, child] of Object.entries(resolved.properties ?? {})) value[name] = sampleValue(child, root, random);
      return value;
    }
    case 'array': {
      const count = Math.max(resolved.minItems ?? 0, 1) + random.int(0, 1);
      return Array.from({ length: count }, () => sampleValue(resolved.items ?? {}, root, random));
    }
    case 'string': return sampleString(resolved, random);
    case 'integer': return random.int(0, 1000);
    case 'number': return sampleNumber(resolved, random);
    case 'boolean': return random.chance(0.5);
    case undefined: throw new TypeError('a schema without a type cannot be sampled');
    default: {
      const unknown: never = resolved.type;
      return unknown;
    }
  }
}

/** The payload and every field in it, at any depth; an array is entered through its first item. */
export function schemaFields(root: JsonSchema): SchemaField[] {
  const fields: SchemaField[] = [];
  const visit = (schema: JsonSchema, path: FieldPath, required: boolean): void => {
    const resolved = resolveSchema(schema, root);
    fields.push({ path, schema: resolved, required });
    if (resolved.type === 'object') {
      for (const [name, child] of Object.entries(resolved.properties ?? {})) {
        visit(child, [...path, name], resolved.required?.includes(name) ?? false);
      }
    } else if (resolved.type === 'array' && resolved.items !== undefined) {
      visit(resolved.items, [...path, 0], false);
    }
  };
  visit(root, [], false);
  return fields;
}
