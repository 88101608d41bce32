// Row mapping from StationConnected / StationDisconnected to the connections table (pure).
import type { StationConnected, StationDisconnected } from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Row } from '../upsert.ts';

export function connectedRow(event: StationConnected): Row {
  return {
    charge_point_id: event.chargePointId,
    connected: true,
    node: event.node,
    connection_id: event.connectionId,
    protocol: event.protocol,
    remote_address: event.remoteAddress,
    security_profile: event.securityProfile,
    connected_at: toDate(event.at),
    disconnected_at: null,
    close_code: null,
    close_reason: null,
  };
}

/** Only the columns a close changes; the insert path covers a close without a known open. */
export function disconnectedRow(event: StationDisconnected): Row {
  return {
    charge_point_id: event.chargePointId,
    connected: false,
    node: event.node,
    connection_id: event.connectionId,
    disconnected_at: toDate(event.at),
    close_code: event.code,
    close_reason: event.reason,
  };
}
