// Validates an operator's command body against the official request schema of its action
// (`urn:<Action>.req`) in the OCPP version the station speaks, before it goes anywhere near it.
import {
  compileOcppSchemas, describeSchemaError, ocppSchemaId, ocppTables, TABLE_VERSIONS, type TableVersion, type ValidateFunction,
} from '@csms/contracts';

export type CommandCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface CommandValidator {
  /** `action` must be a command of `version` (command-actions.ts: notInVersion). */
  validate(action: string, body: unknown, version?: TableVersion): CommandCheck;
}

const compiled = new Map<TableVersion, ReadonlyMap<string, ValidateFunction>>();

/** The request validator of every command of the version, compiled once per process. */
function commandValidators(version: TableVersion): ReadonlyMap<string, ValidateFunction> {
  let validators = compiled.get(version);
  if (validators === undefined) {
    // Formats (date-time, uri) strictly: a station may refuse what the CSMS sends it loosely.
    const all = compileOcppSchemas(version, { stationTimes: false });
    validators = new Map(Object.keys(ocppTables[version].csmsCalls).map((action) => {
      const validator = all.get(ocppSchemaId(action, 'req'));
      if (validator === undefined) throw new Error(`no OCPP ${version} schema for ${action}`);
      return [action, validator];
    }));
    compiled.set(version, validators);
  }
  return validators;
}

/** Compiles the request schema of every command of every version up front: a missing or broken one fails at start-up. */
export function createCommandValidator(): CommandValidator {
  const byVersion = new Map(TABLE_VERSIONS.map((version) => [version, commandValidators(version)]));
  return {
    validate(action, body, version = 'ocpp1.6') {
      const validator = byVersion.get(version)?.get(action);
      if (validator === undefined) throw new Error(`${action} is no OCPP ${version} command`);
      if (validator(body)) return { ok: true };
      const first = validator.errors?.[0];
      return { ok: false, message: `${action}: ${first === undefined ? 'body is invalid' : describeSchemaError(first, 'body')}` };
    },
  };
}
