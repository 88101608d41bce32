// The action table of each OCPP version the CSMS speaks, and the lookups everything else uses.
import { ocpp16Table } from './ocpp16-table.ts';
import { ocpp201Table } from './ocpp201-table.ts';
import type { CsmsCallRow, ProtocolTable, StationCallRow } from './ocpp-table.ts';

export const ocppTables = { 'ocpp1.6': ocpp16Table, 'ocpp2.0.1': ocpp201Table } as const satisfies Record<string, ProtocolTable>;

/** A protocol version with an action table: one a station may speak. */
export type TableVersion = keyof typeof ocppTables;

/** Every version with a table, in table order: the subprotocols the gateway offers to negotiate. */
export const TABLE_VERSIONS = Object.keys(ocppTables) as readonly TableVersion[];

export function isTableVersion(value: string): value is TableVersion {
  return Object.hasOwn(ocppTables, value);
}

export function tableFor(protocol: string): ProtocolTable | undefined {
  return isTableVersion(protocol) ? ocppTables[protocol] : undefined;
}

/** The row of a CALL a station sends in this protocol; undefined for one it may not send. */
export function stationCallRow(protocol: string, action: string): StationCallRow | undefined {
  const calls: Readonly<Record<string, StationCallRow>> | undefined = tableFor(protocol)?.stationCalls;
  return calls !== undefined && Object.hasOwn(calls, action) ? calls[action] : undefined;
}

/** The row of a CALL the CSMS sends in this protocol; undefined for one the version does not have. */
export function csmsCallRow(protocol: string, action: string): CsmsCallRow | undefined {
  const calls: Readonly<Record<string, CsmsCallRow>> | undefined = tableFor(protocol)?.csmsCalls;
  return calls !== undefined && Object.hasOwn(calls, action) ? calls[action] : undefined;
}
