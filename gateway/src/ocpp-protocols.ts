// The OCPP-J subprotocols this gateway speaks, and what a charge point may send in each.
// Adding 'ocpp2.0.1' means adding it here and to the error catalogue; its actions come from its table.
import { ocppTables, type TableVersion } from '@csms/contracts';

export type SupportedProtocol = TableVersion;

/** In order of preference when a client offers several. */
export const SUPPORTED_PROTOCOLS: readonly SupportedProtocol[] = ['ocpp1.6'];

export function isSupportedProtocol(value: string): value is SupportedProtocol {
  return (SUPPORTED_PROTOCOLS as readonly string[]).includes(value);
}

/**
 * CALLs a charge point initiates, per protocol (the action table's station calls). The schema
 * set also holds CSMS-initiated requests (Reset, ...): those are known but not supported
 * from a station, so they get NotSupported rather than NotImplemented.
 */
export const CHARGE_POINT_ACTIONS: Readonly<Record<SupportedProtocol, ReadonlySet<string>>> = {
  'ocpp1.6': new Set(Object.keys(ocppTables['ocpp1.6'].stationCalls)),
  'ocpp2.0.1': new Set(Object.keys(ocppTables['ocpp2.0.1'].stationCalls)),
};

/** CALLs the CSMS sends, per protocol (the action table's CSMS calls). */
export const CSMS_CALL_ACTIONS: Readonly<Record<SupportedProtocol, ReadonlySet<string>>> = {
  'ocpp1.6': new Set(Object.keys(ocppTables['ocpp1.6'].csmsCalls)),
  'ocpp2.0.1': new Set(Object.keys(ocppTables['ocpp2.0.1'].csmsCalls)),
};
