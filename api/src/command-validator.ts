// Validates an operator's command body against the official request schema of its action
// (`urn:<Action>.req`) in the OCPP version the station speaks, before it goes anywhere near it.
import { csmsCallRow, describeSchemaError, TABLE_VERSIONS, tableValidators, type TableVersion } from '@csms/contracts';

type CommandCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

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
      return { ok: false, message: `${action}: ${first === undefined ? 'body is invalid' : describeSchemaError(first, 'body')}` };
    },
  };
}
