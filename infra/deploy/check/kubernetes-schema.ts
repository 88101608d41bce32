// The built-in kinds against the Kubernetes OpenAPI schema, as kubernetes-models compiles it
// (one class per apiVersion and kind, whose validate() checks types, required fields and
// enums), plus the unknown fields it lets through and `kubectl apply` refuses (read-keys.ts).
import type { ErrorObject } from 'ajv';
import { ObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import { keysNeverRead } from './read-keys.ts';
import { describeErrors } from './schema-errors.ts';

/** What a kubernetes-models class is to this check: its validate(), which checks `this`. */
interface Model { prototype: { validate(): void } }

function schemaErrors(error: unknown): ErrorObject[] {
  const errors = (error as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) throw error;
  return errors as ErrorObject[];
}

/** What is wrong with `value` by the schema of `model`, each problem led by its JSON pointer under `at`. */
function problemsOf(value: object, model: Model, at: string): string[] {
  let invalid: ErrorObject[] = [];
  const unknown = keysNeverRead(value, (tracked) => {
    // Called on the tracked object itself: constructing a model would copy the data, reading every key.
    try {
      model.prototype.validate.call(tracked);
    } catch (error) {
      invalid = schemaErrors(error);
    }
  });
  return [...describeErrors(invalid, at), ...unknown.map((pointer) => `${at}${pointer} is not a field of its schema`)];
}

/** Null when kubernetes-models has no such kind (a custom resource, or a misspelt kind). */
async function modelOf(apiVersion: string, kind: string): Promise<Model | null> {
  try {
    const module = (await import(`kubernetes-models/${apiVersion}/${kind}`)) as Record<string, Model | undefined>;
    return module[kind] ?? null;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return null;
    throw error;
  }
}

/** The problems of a document of a built-in kind; null when the kind is not one. */
export async function builtInProblems(doc: Record<string, unknown>): Promise<string[] | null> {
  const model = await modelOf(String(doc.apiVersion), String(doc.kind));
  return model === null ? null : problemsOf(doc, model, '');
}

/** The problems of a custom resource's metadata, which the API server checks as it does any object's. */
export function metadataProblems(metadata: unknown): string[] {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return ['/metadata must be object'];
  return problemsOf(metadata, ObjectMeta, '/metadata');
}
