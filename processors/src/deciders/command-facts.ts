// What a station's answer to a CSMS call means for the command: its outcome (OCPP 1.6 §6, OCPP
// 2.0.1 Part 2 messages: the `status` of the response), read by the action table of the protocol
// the station answered in. What the answer reports belongs to the decider its row in the action
// table names (workflow/answer-to-concern.ts).
import { tableFor, type CommandOutcome } from '@csms/contracts';
import { setStatuses } from './variables-reported.ts';

/** No status at all is success, whatever the version: GetVariables, GetTransactionStatus answer with none. */
const noSuccessStatuses: ReadonlySet<string> = new Set();

/**
 * A 2.0.1 SetVariables answer has no `status` but an attributeStatus per variable (B05): done only
 * when every variable was set. A password rotation (SecurityCtrlr.BasicAuthPassword, A01) the
 * station refused must not count as done, or the api would forget the password the station keeps.
 * Null for any other answer.
 */
function everyVariableSet(response: object): boolean | null {
  if (!('setVariableResult' in response) || !Array.isArray(response.setVariableResult)) return null;
  const taken: ReadonlySet<string> = setStatuses;
  return response.setVariableResult.every((result: unknown) => typeof result === 'object' && result !== null
    && 'attributeStatus' in result && typeof result.attributeStatus === 'string' && taken.has(result.attributeStatus));
}

/**
 * Accepted when the response has no `status`, or one the protocol's table counts as the station
 * having done it; a protocol without a table (the gateway negotiates none) has no such status.
 */
export function outcomeOf(response: unknown, protocol: string): Extract<CommandOutcome, 'Accepted' | 'Rejected'> {
  if (typeof response !== 'object' || response === null) return 'Accepted';
  const variablesSet = everyVariableSet(response);
  if (variablesSet !== null) return variablesSet ? 'Accepted' : 'Rejected';
  if (!('status' in response)) return 'Accepted';
  const successStatuses = tableFor(protocol)?.successStatuses ?? noSuccessStatuses;
  return typeof response.status === 'string' && successStatuses.has(response.status) ? 'Accepted' : 'Rejected';
}
