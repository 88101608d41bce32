// The value rules (value-rules.ts) applied to a JSON schema once, generically: a walk over
// the schema adds an ajv keyword next to every `type` it finds, so no field is forgotten and
// none is listed by hand. Each keyword runs after the built-in ones of its type (`type`,
// `format`, `maxLength`…), so a wrong JSON type or a malformed date-time is still reported
// as such, and a value rule only judges values of the right type.
import type { Ajv, KeywordDefinition, SchemaValidateFunction } from 'ajv';
import {
  VALUE_RULE_MESSAGES, firstValueViolation, isDateTimeInRange, isInt32, isSafeText, isSaneDecimal, type ValueRule,
} from './value-rules.ts';

type SchemaNode = { readonly [keyword: string]: unknown };

// Where a JSON schema (draft-07 and later) holds subschemas.
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];
const SUBSCHEMA_SINGLES = [
  'items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else',
  'unevaluatedItems', 'unevaluatedProperties',
];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'items', 'prefixItems'];
/** Keywords that already pin a value down, or hand it to other subschemas. */
const CONSTRAINED = ['$ref', 'enum', 'const', 'allOf', 'anyOf', 'oneOf', 'not'];

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(node: SchemaNode): readonly string[] {
  const type = node.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

/** The rule keywords a schema node gets, from its own type. */
function rulesFor(node: SchemaNode): Partial<Record<ValueRule, true>> {
  const types = typesOf(node);
  const rules: Partial<Record<ValueRule, true>> = {};
  if (types.includes('number')) rules.decimal = true;
  else if (types.includes('integer')) rules.int32 = true;
  if (types.includes('string')) {
    rules.text = true;
    if (node.format === 'date-time') rules.dateTimeRange = true;
  }
  // Free-form parts: an object open to any property (OCPP 2.0.1 customData), or a value of
  // no declared type (2.0.1 DataTransfer data). Checked as a whole, keys included.
  const openObject = types.includes('object') && (node.additionalProperties === undefined || node.additionalProperties === true);
  const untyped = types.length === 0 && !CONSTRAINED.some((keyword) => keyword in node);
  if (openObject || untyped) rules.jsonValue = true;
  return rules;
}

function walk(value: unknown): unknown {
  if (!isNode(value)) return value;
  const copy: Record<string, unknown> = { ...value };
  for (const keyword of SUBSCHEMA_MAPS) {
    const map = value[keyword];
    if (isNode(map)) copy[keyword] = Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, walk(sub)]));
  }
  for (const keyword of SUBSCHEMA_SINGLES) if (isNode(value[keyword])) copy[keyword] = walk(value[keyword]);
  for (const keyword of SUBSCHEMA_LISTS) {
    const list = value[keyword];
    if (Array.isArray(list)) copy[keyword] = list.map(walk);
  }
  return { ...copy, ...rulesFor(value) };
}

/** A copy of `schema` with the value rule keywords added wherever a type calls for them. */
export function withValueRules<S extends object>(schema: S): S {
  return walk(schema) as S;
}

type DataValidationCxt = NonNullable<Parameters<SchemaValidateFunction>[3]>;

function simpleRule<T extends number | string>(
  keyword: Exclude<ValueRule, 'jsonValue'>, type: 'number' | 'string', check: (data: T) => boolean,
): KeywordDefinition {
  return {
    keyword, type, schemaType: 'boolean', errors: false,
    validate: (on: boolean, data: T) => !on || check(data),
    error: { message: VALUE_RULE_MESSAGES[keyword] },
  };
}

/** Names the place inside the free-form value where a rule failed. */
const validateJsonValue: SchemaValidateFunction = (on: boolean, data: unknown, _parent, dataCxt?: DataValidationCxt) => {
  if (!on) return true;
  const violation = firstValueViolation(data);
  validateJsonValue.errors = violation === null ? [] : [{
    keyword: 'jsonValue', instancePath: `${dataCxt?.instancePath ?? ''}${violation.path}`,
    params: { rule: violation.rule }, message: VALUE_RULE_MESSAGES[violation.rule],
  }];
  return violation === null;
};

const definitions: readonly KeywordDefinition[] = [
  simpleRule<number>('int32', 'number', isInt32),
  simpleRule<number>('decimal', 'number', isSaneDecimal),
  simpleRule<string>('text', 'string', isSafeText),
  simpleRule<string>('dateTimeRange', 'string', isDateTimeInRange),
  { keyword: 'jsonValue', schemaType: 'boolean', errors: true, validate: validateJsonValue },
];

/** Teaches an ajv instance the value rule keywords that withValueRules adds. */
export function addValueRuleKeywords(ajv: Ajv): void {
  for (const definition of definitions) ajv.addKeyword(definition);
}
