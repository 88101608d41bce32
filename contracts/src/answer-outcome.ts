// What a station's answer to a CSMS call means for the command: its outcome (OCPP 1.6 §6, OCPP
// 2.0.1 Part 2 messages: the `status` of the response), read by the action table of the protocol
// the station answered in. The processors complete commands by it; a simulated station's tests
// check their answers against it.
import type { CommandOutcome } from './generated/avro-types.ts';
import { csmsCallRow, tableFor } from './ocpp-tables.ts';

/** No status at all is success, whatever the version: GetVariables, GetTransactionStatus answer with none. */
const noSuccessStatuses: ReadonlySet<string> = new Set();

/**
 * The row's own rule when it has one (2.0.1 SetVariables: every variable set); else Accepted when
 * the response has no `status`, or one the protocol's table counts as the station having done it;
 * a protocol without a table (the gateway negotiates none) has no such status.
 */
export function outcomeOf(response: unknown, protocol: string, action: string): Extract<CommandOutcome, 'Accepted' | 'Rejected'> {
  if (typeof response !== 'object' || response === null) return 'Accepted';
  const doneWhen = csmsCallRow(protocol, action)?.doneWhen;
  if (doneWhen !== undefined) return doneWhen(response) ? 'Accepted' : 'Rejected';
  if (!('status' in response)) return 'Accepted';
  const successStatuses = tableFor(protocol)?.successStatuses ?? noSuccessStatuses;
  return typeof response.status === 'string' && successStatuses.has(response.status) ? 'Accepted' : 'Rejected';
}
