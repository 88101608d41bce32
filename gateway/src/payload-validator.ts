// Validates the payload of a CALL a charge point sent against the official OCPP JSON
// schema of its action (`urn:<Action>.req`), and its CALLRESULT to a CSMS CALL against
// `urn:<Action>.conf`, reporting the problem from the one keyword table.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ocppSchemaId, ocppSchemas } from '@csms/contracts';
import { schemaProblemFor, type FrameProblem } from './ocpp-errors.ts';
import { CHARGE_POINT_ACTIONS, type SupportedProtocol } from './ocpp-protocols.ts';

export type PayloadCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: FrameProblem; readonly description: string };

export interface PayloadValidator {
  /** A CALL from a charge point. */
  validate(action: string, payload: unknown): PayloadCheck;
  /** A charge point's CALLRESULT to a CSMS CALL of this action; ok when no schema is known for it. */
  validateResult(action: string, payload: unknown): PayloadCheck;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'payload' : `payload${error.instancePath}`;
  if (error.keyword === 'additionalProperties') {
    return `${where} must NOT have additional property '${String(error.params.additionalProperty)}'`;
  }
  if (error.keyword === 'enum') {
    return `${where} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  }
  return `${where} ${error.message ?? `fails ${error.keyword}`}`;
}

/**
 * RFC 3339 date-times, but with the offset optional: some firmware sends local times
 * without one, and refusing a StartTransaction or StopTransaction over it can make the
 * station drop the session (DESIGN invariant 5). Processors read such times as UTC.
 */
function isStationDateTime(text: string): boolean {
  const match = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  return match !== null && !Number.isNaN(Date.parse(match[2] ? text : `${text}Z`));
}

function check(validator: ValidateFunction, payload: unknown): PayloadCheck {
  if (validator(payload)) return { ok: true };
  const first = validator.errors?.[0];
  if (!first) return { ok: false, problem: 'PAYLOAD_STRUCTURE', description: 'payload is invalid' };
  return { ok: false, problem: schemaProblemFor(first.keyword), description: describe(first) };
}

function compileSchemas(protocol: SupportedProtocol): Map<string, ValidateFunction> {
  // The OCPP schemas use draft-07 and carry extra annotations, hence strict: false.
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addFormat('date-time', { type: 'string', validate: isStationDateTime });
  const validators = new Map<string, ValidateFunction>();
  // Compiled without their `urn:Action.req|conf` $id: ajv's URI resolver (fast-uri) throws
  // "URN without nid" on it. The schemas only use local `#/definitions` refs.
  for (const { $id, ...schema } of ocppSchemas(protocol)) validators.set($id, ajv.compile(schema));
  return validators;
}

/** Compiles every schema of the protocol up front, so a broken schema fails at start-up. */
export function createPayloadValidator(protocol: SupportedProtocol): PayloadValidator {
  const validators = compileSchemas(protocol);
  const allowed = CHARGE_POINT_ACTIONS[protocol];
  return {
    validate(action, payload) {
      const validator = validators.get(ocppSchemaId(action, 'req'));
      if (!validator) return { ok: false, problem: 'UNKNOWN_ACTION', description: `Unknown action '${action}'` };
      if (!allowed.has(action)) {
        return { ok: false, problem: 'ACTION_NOT_SUPPORTED', description: `A charge point may not send '${action}'` };
      }
      return check(validator, payload);
    },
    validateResult(action, payload) {
      const validator = validators.get(ocppSchemaId(action, 'conf'));
      // The action came from our own processors, not the station: nothing to hold against it.
      return validator ? check(validator, payload) : { ok: true };
    },
  };
}
