// The commands the api sends: the CSMS calls of every OCPP version's action table, and which of
// them a station may be sent, by the version it speaks.
import { commandCounterpart, csmsCallRow, isTableVersion, ocppTables, TABLE_VERSIONS, type TableVersion } from '@csms/contracts';

type CommandOf<V extends TableVersion> = Extract<keyof (typeof ocppTables)[V]['csmsCalls'], string>;
/** A CSMS call of some OCPP version. */
export type CommandAction = { [V in TableVersion]: CommandOf<V> }[TableVersion];

/** Every command of every version, each once, in table order (1.6's first). */
export const COMMAND_ACTIONS = [
  ...new Set(TABLE_VERSIONS.flatMap((version) => Object.keys(ocppTables[version].csmsCalls))),
] as readonly CommandAction[];

const known: ReadonlySet<string> = new Set(COMMAND_ACTIONS);

export function isCommandAction(action: string): action is CommandAction {
  return known.has(action);
}

/** `ocpp2.0.1` → `2.0.1`, as people name versions. */
export function versionName(version: TableVersion): string {
  return version.replace(/^ocpp/, '');
}

/**
 * The version a station's commands are checked against: the subprotocol of its latest
 * connection. A station never seen (or, which the gateway never negotiates, on a protocol
 * without an action table) is checked against OCPP 1.6, as every station was before 2.0.1: its
 * command ends NotConnected unless it connects first, and should it connect speaking 2.0.1
 * meanwhile, it answers a 1.6 body with a CALLERROR, which fails the command.
 */
export function commandVersion(protocol: string | null): TableVersion {
  return protocol !== null && isTableVersion(protocol) ? protocol : 'ocpp1.6';
}

/** Why `action` cannot go to a station that speaks `version`; null when that version has it. */
export function notInVersion(chargePointId: string, version: TableVersion, action: CommandAction): string | null {
  if (csmsCallRow(version, action) !== undefined) return null;
  const having = TABLE_VERSIONS.filter((other) => csmsCallRow(other, action) !== undefined).map(versionName).join(' and ');
  const counterpart = commandCounterpart(action, version);
  return `${action} is an OCPP ${having} command; ${chargePointId} speaks OCPP ${versionName(version)}`
    + (counterpart === undefined ? '' : `: use ${counterpart}`);
}
