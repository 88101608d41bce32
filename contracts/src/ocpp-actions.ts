// The operators' commands of OCPP 1.6, as the API offers them: the CSMS calls of its action table.
import { ocpp16Table } from './ocpp16-table.ts';

export type CommandAction = keyof typeof ocpp16Table.csmsCalls;

/** Every OCPP 1.6 message the CSMS sends, across all six feature profiles and the security extension; each is a REST command. */
export const CSMS_COMMAND_ACTIONS = Object.keys(ocpp16Table.csmsCalls) as readonly CommandAction[];

/** Response statuses that mean the station did what was asked (OCPP 1.6 §6); no status at all also does. */
export const COMMAND_SUCCESS_STATUSES: ReadonlySet<string> = ocpp16Table.successStatuses;
