// Validates the payload of a CALL a charge point sent against the official OCPP JSON schema of
// its action in the connection's protocol (`urn:<Action>.req`), and its CALLRESULT to a CSMS
// CALL against `urn:<Action>.conf`, reporting the problem from the one keyword table. Which
// actions a station may send is its protocol's action table, not the schema set: the 2.0.1
// schemas hold actions the CSMS does not implement (NotifyEvent, FirmwareStatusNotification).
import {
  compileWithValueRules, csmsCallRow, describeSchemaError, ocppSchemaId, stationCallRow, tableValidators,
  type MessageType, type OcppFrame, type TableVersion, type ValidateFunction,
} from '@csms/contracts';
import { schemaProblemFor, type FrameProblem } from './ocpp-errors.ts';

type PayloadCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: FrameProblem; readonly description: string };

export interface PayloadValidator {
  /** A CALL from a charge point. */
  validate(action: string, payload: unknown): PayloadCheck;
  /** A charge point's CALLRESULT to a CSMS CALL of this action; ok when no schema is known for it. */
  validateResult(action: string, payload: unknown): PayloadCheck;
  /** A charge point's CALLERROR to a CSMS CALL: its parts must be fit to store (the value rules). */
  validateCallError(frame: Extract<OcppFrame, { messageTypeId: typeof MessageType.CallError }>): PayloadCheck;
}

/** OCPP-J §4.2.3: errorDetails is free-form JSON; the value rules reach into it all the same. */
const callErrorSchema = {
  type: 'object',
  properties: { errorCode: { type: 'string' }, errorDescription: { type: 'string' }, errorDetails: {} },
};

function check(validator: ValidateFunction, payload: unknown): PayloadCheck {
  if (validator(payload)) return { ok: true };
  const first = validator.errors?.[0];
  if (!first) return { ok: false, problem: 'PAYLOAD_STRUCTURE', description: 'payload is invalid' };
  return { ok: false, problem: schemaProblemFor(first.keyword), description: describeSchemaError(first, 'payload') };
}

/**
 * Why a station's CALL of an action outside its station calls is refused, the same rule in
 * every protocol: one the table knows only as a CSMS call (Reset) is recognised but not for a
 * station to send, NotSupported; any other, whether or not the version defines it, is one this
 * CSMS does not implement, NotImplemented (OCPP-J 1.6 §4.2.3, 2.0.1 §4.3). In 1.6, whose table
 * has every action of its schema set, that is exactly "a schema exists" versus "none does".
 */
function refusal(protocol: TableVersion, action: string): PayloadCheck {
  if (csmsCallRow(protocol, action) !== undefined) {
    return { ok: false, problem: 'ACTION_NOT_SUPPORTED', description: `A charge point may not send '${action}'` };
  }
  return { ok: false, problem: 'UNKNOWN_ACTION', description: `Unknown action '${action}'` };
}

/** Compiles the schemas its protocol's table names up front, so a broken or missing one fails at start-up. */
export function createPayloadValidator(protocol: TableVersion): PayloadValidator {
  const validators = tableValidators(protocol, { stationTimes: true });
  const callError = compileWithValueRules(callErrorSchema, { stationTimes: true });
  return {
    validate(action, payload) {
      const row = stationCallRow(protocol, action);
      const validator = row === undefined ? undefined : validators.get(row.request);
      return validator === undefined ? refusal(protocol, action) : check(validator, payload);
    },
    validateResult(action, payload) {
      const validator = validators.get(ocppSchemaId(action, 'conf'));
      // The action came from our own processors, not the station: nothing to hold against it.
      return validator ? check(validator, payload) : { ok: true };
    },
    validateCallError: ({ errorCode, errorDescription, errorDetails }) => check(callError, { errorCode, errorDescription, errorDetails }),
  };
}
