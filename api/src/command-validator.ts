// Validates an operator's command body against the official request schema of its action
// (`urn:<Action>.req`) in the OCPP version the station speaks, before it goes anywhere near it.
import {
  csmsCallRow, describeSchemaError, TABLE_VERSIONS, tableValidators, type ErrorObject, type TableVersion,
} from '@csms/contracts';
import type { ErrorProblem } from './errors.ts';

type CommandCheck = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly problems: readonly ErrorProblem[] };

/** Where the body is wrong, as a JSON pointer a form can put beside its field: a missing property names itself. */
function problemOf(error: ErrorObject): ErrorProblem {
  const missing = error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  const path = missing === undefined ? error.instancePath : `${error.instancePath}/${missing}`;
  return { path, code: error.keyword, message: describeSchemaError(error, 'body') };
}

export interface CommandValidator {
  /** `action` must be a command of `version` (command-actions.ts: notInVersion). */
  validate(action: string, body: unknown, version?: TableVersion): CommandCheck;
}

/** Compiles the schemas of every version's table up front: a missing or broken one fails at start-up. */
export function createCommandValidator(): CommandValidator {
  // Formats (date-time, uri) strictly: a station may refuse what the CSMS sends it loosely.
  const byVersion = new Map(TABLE_VERSIONS.map((version) => [version, tableValidators(version, { stationTimes: false })]));
  return {
    validate(action, body, version = 'ocpp1.6') {
      const row = csmsCallRow(version, action);
      const validator = row === undefined ? undefined : byVersion.get(version)?.get(row.request);
      if (validator === undefined) throw new Error(`${action} is no OCPP ${version} command`);
      if (validator(body)) return { ok: true };
      const first = validator.errors?.[0];
      if (first === undefined) return { ok: false, message: `${action}: body is invalid`, problems: [] };
      return { ok: false, message: `${action}: ${describeSchemaError(first, 'body')}`, problems: [problemOf(first)] };
    },
  };
}
