// Which socket a station's CSMS-initiated calls go on: the one the station decider knows. Operators'
// commands and billing's cost messages both take it from here, so a late Disconnected is read once.
import type { Connection } from '../deciders/context.ts';
import type { StationState } from '../deciders/station.ts';

/** The connection the station decider knows, or null while the station is offline. */
export function socketOf(station: StationState): Connection | null {
  // A state without a protocol comes from a snapshot of the days the gateway negotiated ocpp1.6 only.
  return station.status === 'Online'
    ? { node: station.node, connectionId: station.connectionId, protocol: station.protocol ?? 'ocpp1.6' }
    : null;
}
