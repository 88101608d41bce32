// The OCPP-J subprotocols this gateway speaks, and what a charge point may send in each.
// Adding 'ocpp2.0.1' means adding it here, to the error catalogue and to the action list.
import type { OcppVersion } from '@csms/contracts';

export type SupportedProtocol = Extract<OcppVersion, 'ocpp1.6'>;

/** In order of preference when a client offers several. */
export const SUPPORTED_PROTOCOLS: readonly SupportedProtocol[] = ['ocpp1.6'];

export function isSupportedProtocol(value: string): value is SupportedProtocol {
  return (SUPPORTED_PROTOCOLS as readonly string[]).includes(value);
}

/**
 * CALLs a charge point initiates (OCPP 1.6 §4 and the 1.6 security whitepaper). The schema
 * set also holds CSMS-initiated requests (Reset, ...): those are known but not supported
 * from a station, so they get NotSupported rather than NotImplemented.
 */
export const CHARGE_POINT_ACTIONS: Readonly<Record<SupportedProtocol, ReadonlySet<string>>> = {
  'ocpp1.6': new Set([
    'Authorize', 'BootNotification', 'DataTransfer', 'DiagnosticsStatusNotification', 'FirmwareStatusNotification',
    'Heartbeat', 'MeterValues', 'StartTransaction', 'StatusNotification', 'StopTransaction',
    'LogStatusNotification', 'SecurityEventNotification', 'SignCertificate', 'SignedFirmwareStatusNotification',
  ]),
};
