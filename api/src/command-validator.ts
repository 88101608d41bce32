// Validates an operator's command body against the official OCPP 1.6 request schema of its
// action (`urn:<Action>.req`) before it goes anywhere near a station.
import {
  CSMS_COMMAND_ACTIONS, compileOcppSchemas, describeSchemaError, ocppSchemaId, type CommandAction, type ValidateFunction,
} from '@csms/contracts';

export type CommandCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface CommandValidator {
  validate(action: CommandAction, body: unknown): CommandCheck;
}

const actions: ReadonlySet<string> = new Set(CSMS_COMMAND_ACTIONS);

export function isCommandAction(action: string): action is CommandAction {
  return actions.has(action);
}

/** Compiles the request schema of every command up front: a missing or broken one fails at start-up. */
export function createCommandValidator(): CommandValidator {
  // Formats (date-time, uri) strictly: a station may refuse what the CSMS sends it loosely.
  const all = compileOcppSchemas('ocpp1.6', { stationTimes: false });
  const validators = new Map<CommandAction, ValidateFunction>(CSMS_COMMAND_ACTIONS.map((action) => {
    const validator = all.get(ocppSchemaId(action, 'req'));
    if (validator === undefined) throw new Error(`no OCPP 1.6 schema for ${action}`);
    return [action, validator];
  }));
  return {
    validate(action, body) {
      const validator = validators.get(action)!;
      if (validator(body)) return { ok: true };
      const first = validator.errors?.[0];
      return { ok: false, message: `${action}: ${first === undefined ? 'body is invalid' : describeSchemaError(first, 'body')}` };
    },
  };
}
