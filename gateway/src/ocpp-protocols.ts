// The OCPP-J subprotocols this gateway speaks, and what a charge point may send in each. Both
// come from contracts' action tables: a protocol is one with a table, its actions are its rows.
import { ocppTables, type TableVersion } from '@csms/contracts';

export type SupportedProtocol = TableVersion;

/**
 * Every subprotocol a station may choose on `/ocpp/{id}` (OCPP-J 1.6 §3.1.2, 2.0.1 §3.1.2).
 * The station's order of preference decides between them (handshake.ts chooseProtocol).
 */
export const SUPPORTED_PROTOCOLS: readonly SupportedProtocol[] = ['ocpp1.6', 'ocpp2.0.1'];

export function isSupportedProtocol(value: string): value is SupportedProtocol {
  return (SUPPORTED_PROTOCOLS as readonly string[]).includes(value);
}

/** CALLs a charge point initiates, per protocol (the action table's station calls). */
export const CHARGE_POINT_ACTIONS: Readonly<Record<SupportedProtocol, ReadonlySet<string>>> = {
  'ocpp1.6': new Set(Object.keys(ocppTables['ocpp1.6'].stationCalls)),
  'ocpp2.0.1': new Set(Object.keys(ocppTables['ocpp2.0.1'].stationCalls)),
};

/** CALLs the CSMS sends, per protocol (the action table's CSMS calls). */
export const CSMS_CALL_ACTIONS: Readonly<Record<SupportedProtocol, ReadonlySet<string>>> = {
  'ocpp1.6': new Set(Object.keys(ocppTables['ocpp1.6'].csmsCalls)),
  'ocpp2.0.1': new Set(Object.keys(ocppTables['ocpp2.0.1'].csmsCalls)),
};
