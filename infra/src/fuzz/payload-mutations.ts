// Which hostile payloads a charge point action admits, derived field by field from its
// official schema (never from a hand list of fields): the valid payload, and per field the
// wrong JSON type, integers out of every range the inside relies on (Avro int and long, SQL
// integer, IEEE 754), hostile text, over-long strings, extreme and garbage dates, a missing
// required property, an extra one.
import { ocppSchemaId, type OcppJsonSchema } from '@csms/contracts';
import type { SchemaExpectation } from './fuzz-frame.ts';
import { readSchema, schemaFields, type JsonSchema, type SchemaField } from './schema-sample.ts';

export type MutationKind =
  | 'valid' | 'wrong-type' | 'fractional-integer' | 'extreme-number' | 'hostile-text' | 'over-long'
  | 'extreme-date' | 'garbage-date' | 'missing-required' | 'extra-field';

export interface PayloadMutation {
  readonly action: string;
  readonly kind: MutationKind;
  readonly field: SchemaField;
  /** What the official schema makes of the payload: `invalid` means at this field. */
  readonly expectation: SchemaExpectation;
}

export interface ActionPayloads {
  readonly action: string;
  /** The `.req` schema, whose definitions resolve the fields' `$ref`s. */
  readonly root: JsonSchema;
  /** The valid payload first. */
  readonly mutations: readonly PayloadMutation[];
  /** The same, by kind. */
  readonly byKind: ReadonlyMap<MutationKind, readonly PayloadMutation[]>;
}

function isPlainString(schema: JsonSchema): boolean {
  return schema.type === 'string' && schema.enum === undefined && schema.format !== 'date-time';
}

/** The kinds a field admits, with what the schema says of each. */
function kindsFor(field: SchemaField): [MutationKind, SchemaExpectation][] {
  const { schema } = field;
  const kinds: [MutationKind, SchemaExpectation][] = [['wrong-type', 'invalid']];
  if (schema.type === 'integer') kinds.push(['fractional-integer', 'invalid']);
  if (schema.type === 'integer' || schema.type === 'number') kinds.push(['extreme-number', 'unchecked']);
  if (schema.type === 'string') {
    // None of the hostile texts is an enum value or a date-time; what a URI checker makes of them is its business.
    kinds.push(['hostile-text', schema.enum !== undefined || schema.format === 'date-time' ? 'invalid' : 'unchecked']);
  }
  if (isPlainString(schema)) kinds.push(['over-long', schema.maxLength !== undefined ? 'invalid' : 'unchecked']);
  if (schema.format === 'date-time') kinds.push(['extreme-date', 'unchecked'], ['garbage-date', 'invalid']);
  if (field.required) kinds.push(['missing-required', 'invalid']);
  if (schema.type === 'object') kinds.push(['extra-field', schema.additionalProperties === false ? 'invalid' : 'unchecked']);
  return kinds;
}

export function actionPayloads(action: string, root: JsonSchema): ActionPayloads {
  const fields = schemaFields(root);
  const mutations: PayloadMutation[] = [{ action, kind: 'valid', field: fields[0]!, expectation: 'valid' }];
  for (const field of fields) {
    for (const [kind, expectation] of kindsFor(field)) mutations.push({ action, kind, field, expectation });
  }
  const byKind = new Map<MutationKind, PayloadMutation[]>();
  for (const mutation of mutations) byKind.set(mutation.kind, [...(byKind.get(mutation.kind) ?? []), mutation]);
  return { action, root, mutations, byKind };
}

/** Every action's payloads, from the `.req` schemas; an action without one is a mistake and throws. */
export function payloadCatalogue(schemas: readonly OcppJsonSchema[], actions: Iterable<string>): readonly ActionPayloads[] {
  const byId = new Map(schemas.map((schema) => [schema.$id, schema]));
  return [...actions].sort().map((action) => {
    const id = ocppSchemaId(action, 'req');
    const schema = byId.get(id);
    if (schema === undefined) throw new RangeError(`no schema ${id} for action ${action}`);
    return actionPayloads(action, readSchema(schema, id));
  });
}
