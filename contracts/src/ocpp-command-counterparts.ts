// CSMS commands that one OCPP version has under another name than the other: what an operator
// who asks a station for the other version's command should use instead. Commands of the same
// name in both versions (Reset, UnlockConnector, ...) are no counterparts: each table has them.
import type { ocpp16Table } from './ocpp16-table.ts';
import type { ocpp201Table } from './ocpp201-table.ts';
import type { TableVersion } from './ocpp-tables.ts';

type Command16 = keyof typeof ocpp16Table.csmsCalls;
type Command201 = keyof typeof ocpp201Table.csmsCalls;

/** Pairs doing the same work; the first pair of a command is the one suggested. */
const counterparts: readonly (readonly [ocpp16: Command16, ocpp201: Command201])[] = [
  // 2.0.1 F01 / F02, F03: remote start and stop, with a remoteStartId and the station's transaction id.
  ['RemoteStartTransaction', 'RequestStartTransaction'],
  ['RemoteStopTransaction', 'RequestStopTransaction'],
  // 2.0.1 B05, B06, B07: the device model replaces configuration keys.
  ['ChangeConfiguration', 'SetVariables'],
  ['GetConfiguration', 'GetVariables'],
  ['GetConfiguration', 'GetBaseReport'],
  ['GetConfiguration', 'GetReport'],
  // 2.0.1 F06: TriggerMessage took over the security extension's messages.
  ['ExtendedTriggerMessage', 'TriggerMessage'],
];

/** The command of `version` that does the work of `action` (a command of the other version), if any. */
export function commandCounterpart(action: string, version: TableVersion): string | undefined {
  const pair = counterparts.find(([v16, v201]) => (version === 'ocpp2.0.1' ? v16 : v201) === action);
  return pair === undefined ? undefined : pair[version === 'ocpp2.0.1' ? 1 : 0];
}
