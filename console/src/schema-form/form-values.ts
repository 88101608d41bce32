// The values of a schema form as typed (text per input), and the JSON request they amount to:
// optional fields left empty are left out, date-times become ISO 8601, numbers are checked
// against the schema's limits before the api is asked.
import type { ArrayField, FieldNode, NumberField, ObjectField, Segment, StringField } from './schema-model.ts';
import { pointerOf } from './schema-model.ts';

export type FormValue = string | readonly FormValue[] | { readonly [key: string]: FormValue };

export interface FormProblem { readonly path: string; readonly code: string; readonly message: string }

interface Collected { readonly value: unknown; readonly problems: readonly FormProblem[] }

const NOTHING: Collected = { value: undefined, problems: [] };

export function defaultValue(node: FieldNode): FormValue {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.fields.map((field) => [field.name, defaultValue(field)]));
    case 'array':
      return Array.from({ length: node.required ? node.minItems ?? 0 : 0 }, () => defaultValue(node.item));
    case 'boolean':
      // A required boolean is a checkbox, unticked unless the schema says otherwise.
      return node.initial ?? (node.required ? 'false' : '');
    case 'string':
    case 'integer':
    case 'number':
      return node.initial ?? '';
    case 'json':
      return '';
  }
}

const isRecord = (value: FormValue | undefined): value is { readonly [key: string]: FormValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether the operator left this part as the form first showed it. */
function untouched(node: FieldNode, value: FormValue | undefined): boolean {
  return value === undefined || JSON.stringify(value) === JSON.stringify(defaultValue(node));
}

/** A datetime-local value ("2025-01-10T08:00") read in the browser's time zone, as ISO 8601 UTC. */
export function isoOfLocal(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(local)) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO time as a datetime-local value in the browser's time zone. */
export function localOfIso(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function problem(path: readonly Segment[], code: string, message: string): Collected {
  return { value: undefined, problems: [{ path: pointerOf(path), code, message }] };
}

function collectString(node: StringField, raw: string, path: readonly Segment[]): Collected {
  if (node.options !== undefined && !node.options.includes(raw)) return problem(path, 'enum', `must be one of ${node.options.join(', ')}`);
  if (node.format === 'date-time') {
    const iso = isoOfLocal(raw);
    return iso === null ? problem(path, 'format', 'must be a date and time') : { value: iso, problems: [] };
  }
  if (node.minLength !== undefined && raw.length < node.minLength) return problem(path, 'minLength', `must be at least ${node.minLength} characters`);
  if (node.maxLength !== undefined && raw.length > node.maxLength) return problem(path, 'maxLength', `must be at most ${node.maxLength} characters`);
  return { value: raw, problems: [] };
}

function collectNumber(node: NumberField, raw: string, path: readonly Segment[]): Collected {
  const trimmed = raw.trim();
  const value = Number(trimmed);
  if (node.kind === 'integer' && !/^-?\d+$/.test(trimmed)) return problem(path, 'type', 'must be a whole number');
  if (!Number.isFinite(value) || trimmed === '') return problem(path, 'type', 'must be a number');
  if (node.minimum !== undefined && value < node.minimum) return problem(path, 'minimum', `must be >= ${node.minimum}`);
  if (node.maximum !== undefined && value > node.maximum) return problem(path, 'maximum', `must be <= ${node.maximum}`);
  if (node.multipleOf !== undefined) {
    const ratio = value / node.multipleOf;
    // 0.3 / 0.1 is 2.9999999999999996: compare with a tolerance, not exactly.
    if (Math.abs(ratio - Math.round(ratio)) > 1e-9) return problem(path, 'multipleOf', `must be a multiple of ${node.multipleOf}`);
  }
  return { value, problems: [] };
}

function collectObject(node: ObjectField, value: FormValue | undefined, path: readonly Segment[]): Collected {
  const record = isRecord(value) ? value : {};
  const out: Record<string, unknown> = {};
  const problems: FormProblem[] = [];
  for (const field of node.fields) {
    const child = collect(field, record[field.name], [...path, field.name]);
    problems.push(...child.problems);
    if (child.value !== undefined) out[field.name] = child.value;
  }
  return { value: out, problems };
}

function collectArray(node: ArrayField, value: FormValue | undefined, path: readonly Segment[]): Collected {
  const items = Array.isArray(value) ? value : [];
  const collected = items.map((item, index) => collect(node.item, item, [...path, index]));
  const problems = collected.flatMap((item) => item.problems);
  if (node.minItems !== undefined && items.length < node.minItems) problems.push(...problem(path, 'minItems', `needs at least ${node.minItems}`).problems);
  if (node.maxItems !== undefined && items.length > node.maxItems) problems.push(...problem(path, 'maxItems', `takes at most ${node.maxItems}`).problems);
  return { value: collected.map((item) => item.value ?? null), problems };
}

/**
 * The JSON of one field, or undefined when an optional field was left alone. A required field
 * left alone is a problem at its path.
 */
export function collect(node: FieldNode, value: FormValue | undefined, path: readonly Segment[] = []): Collected {
  const blank = node.kind === 'object' || node.kind === 'array' ? untouched(node, value) && !node.required : value === '' || value === undefined;
  if (blank) return node.required && node.kind !== 'object' && node.kind !== 'array' ? problem(path, 'required', 'is required') : NOTHING;
  if (node.kind === 'object') return collectObject(node, value, path);
  if (node.kind === 'array') return collectArray(node, value, path);
  if (typeof value !== 'string') return problem(path, 'type', 'has an unexpected value');
  switch (node.kind) {
    case 'string':
      return collectString(node, value, path);
    case 'integer':
    case 'number':
      return collectNumber(node, value, path);
    case 'boolean':
      return { value: value === 'true', problems: [] };
    case 'json':
      try {
        return { value: JSON.parse(value) as unknown, problems: [] };
      } catch {
        return problem(path, 'json', 'must be JSON');
      }
  }
}

/** A copy of `value` with `next` at `path`. */
export function setAt(value: FormValue, path: readonly Segment[], next: FormValue): FormValue {
  const [head, ...rest] = path;
  if (head === undefined) return next;
  if (Array.isArray(value)) {
    const copy = value.slice();
    copy[Number(head)] = setAt(copy[Number(head)] ?? '', rest, next);
    return copy;
  }
  const record = isRecord(value) ? value : {};
  return { ...record, [head]: setAt(record[head] ?? '', rest, next) };
}

/** The value at `path`, if any. */
export function getAt(value: FormValue | undefined, path: readonly Segment[]): FormValue | undefined {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isRecord(current)) current = current[segment];
    else return undefined;
  }
  return current;
}
