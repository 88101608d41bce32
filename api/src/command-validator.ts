// Validates an operator's command body against the official OCPP 1.6 request schema of its
// action (`urn:<Action>.req`) before it goes anywhere near a station.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CSMS_COMMAND_ACTIONS, ocppSchemaId, ocppSchemas, type CommandAction } from '@csms/contracts';

export type CommandCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface CommandValidator {
  validate(action: CommandAction, body: unknown): CommandCheck;
}

const actions: ReadonlySet<string> = new Set(CSMS_COMMAND_ACTIONS);

export function isCommandAction(action: string): action is CommandAction {
  return actions.has(action);
}

/** Names the field: `body/csChargingProfiles/stackLevel must be integer`. */
export function describeSchemaError(error: ErrorObject): string {
  const where = `body${error.instancePath}`;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where} must NOT have additional property '${String(error.params.additionalProperty)}'`;
    case 'required':
      return `${where} must have required property '${String(error.params.missingProperty)}'`;
    case 'enum':
      return `${where} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${where} ${error.message ?? `fails ${error.keyword}`}`;
  }
}

/** Compiles the 19 request schemas up front, so a broken schema fails at start-up. */
export function createCommandValidator(): CommandValidator {
  // draft-07 schemas with extra annotations, hence strict: false; formats (date-time, uri)
  // are checked strictly: a station may refuse what the CSMS sends it loosely.
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();
  for (const { $id, ...schema } of ocppSchemas('ocpp1.6')) {
    // Compiled without its `urn:Action.req` $id: ajv's URI resolver rejects "URN without nid".
    if (actions.has($id.slice('urn:'.length, -'.req'.length)) && $id.endsWith('.req')) validators.set($id, ajv.compile(schema));
  }
  return {
    validate(action, body) {
      const validator = validators.get(ocppSchemaId(action, 'req'));
      if (validator === undefined) return { ok: false, message: `no OCPP 1.6 schema for ${action}` };
      if (validator(body)) return { ok: true };
      const first = validator.errors?.[0];
      return { ok: false, message: `${action}: ${first === undefined ? 'body is invalid' : describeSchemaError(first)}` };
    },
  };
}
