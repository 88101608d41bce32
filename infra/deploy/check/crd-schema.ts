// Custom resources against the openAPIV3Schema of their CRD, kept in
// infra/deploy/k8s/schemas/<group>/<version>/<Kind>.json (made by infra/scripts/strimzi-schemas.ts),
// held to what the API server enforces of it.
import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { describeErrors } from './schema-errors.ts';

type Schema = { [keyword: string]: unknown };

const schemaDir = new URL('../k8s/schemas/', import.meta.url);

// The Kubernetes extensions in the kept schemas, annotations to ajv: int-or-string comes with its
// anyOf, preserve-unknown-fields is honoured by closed() below, and the CEL rules of
// x-kubernetes-validations are not evaluated (the API server does; none bears on a field the
// manifests set). Any other keyword in a regenerated schema makes ajv's strict mode throw, to be judged here.
const ANNOTATIONS = ['x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-validations', 'example'];

const ajv = new Ajv({ allErrors: true, keywords: ANNOTATIONS, strictTypes: false });

/**
 * The schema with every object that declares its properties closed to others (additionalProperties
 * false): the API server drops, and `kubectl apply` (strict field validation) refuses, a field a
 * structural schema does not declare unless it says x-kubernetes-preserve-unknown-fields. Only the
 * structural nodes are closed: the branches of oneOf and anyOf constrain values and declare no field.
 */
function closed(schema: Schema): Schema {
  const result: Schema = { ...schema };
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (properties) {
    result.properties = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, closed(property)]));
    if (schema.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
      result.additionalProperties = false;
    }
  }
  if (typeof schema.additionalProperties === 'object') result.additionalProperties = closed(schema.additionalProperties as Schema);
  if (schema.items) result.items = closed(schema.items as Schema);
  return result;
}

const validators = new Map<string, ValidateFunction | null>();

/** Null when no CRD schema is kept for this apiVersion and kind. */
function validatorOf(apiVersion: string, kind: string): ValidateFunction | null {
  const key = `${apiVersion}/${kind}`;
  if (!validators.has(key)) {
    const file = new URL(`${key}.json`, schemaDir);
    validators.set(key, existsSync(file) ? ajv.compile(closed(JSON.parse(readFileSync(file, 'utf8')) as Schema)) : null);
  }
  return validators.get(key) ?? null;
}

/** The problems of a custom resource by its CRD's schema; null when no schema is kept for its kind. */
export function customResourceProblems(doc: Record<string, unknown>): string[] | null {
  const validate = validatorOf(String(doc.apiVersion), String(doc.kind));
  if (validate === null) return null;
  return validate(doc) ? [] : describeErrors(validate.errors ?? []);
}
