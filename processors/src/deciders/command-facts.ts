// What a station's answer to a CSMS call means for the command: its outcome (OCPP 1.6 §6: the
// `status` of the .conf). What the answer reports belongs to the decider its row in the action
// table names (workflow/answer-to-concern.ts).
import { COMMAND_SUCCESS_STATUSES, type CommandOutcome } from '@csms/contracts';

/** Accepted when the response has no `status`, or one of the statuses that mean the station did it. */
export function outcomeOf(response: unknown): Extract<CommandOutcome, 'Accepted' | 'Rejected'> {
  if (typeof response !== 'object' || response === null || !('status' in response)) return 'Accepted';
  return typeof response.status === 'string' && COMMAND_SUCCESS_STATUSES.has(response.status) ? 'Accepted' : 'Rejected';
}
