// Row mapping from the records of 'security' to the security_events table (pure). Every row
// has every column, nulls where its type says nothing, so re-applying a record rewrites it
// whole. Text may come from a station (event types, tech info, identities), so it is made
// storable; a CSR or certificate body is never stored, only what identifies it.
import type { SecurityRecord } from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Position } from '../projection.ts';
import { storableText } from '../storable-text.ts';
import type { Row } from '../upsert.ts';

const noDetails = {
  event_type: null, station_timestamp: null, tech_info: null, node: null, remote_address: null, connection_id: null,
  previous_connection_id: null, previous_remote_address: null, presented_profile: null, required_profile: null,
  reason: null, detail: null, request_id: null, command_id: null, serial_number: null, subject: null, not_after: null,
} as const;

type Details = { readonly [K in keyof typeof noDetails]?: string | number | Date | null };

function detailsOf(record: SecurityRecord): Details {
  switch (record.type) {
    case 'StationAuthenticationRefused':
      return {
        node: record.node, remote_address: record.remoteAddress, reason: record.reason, detail: record.detail,
        presented_profile: record.presentedProfile, required_profile: record.requiredProfile,
      };
    case 'ConnectionReplaced':
      return {
        node: record.node, connection_id: record.connectionId, remote_address: record.remoteAddress,
        previous_connection_id: record.previousConnectionId, previous_remote_address: record.previousRemoteAddress,
        presented_profile: record.presentedProfile,
      };
    case 'SecurityEventReported':
      return { event_type: record.eventType, station_timestamp: toDate(record.timestamp), tech_info: record.techInfo };
    case 'CertificateSigningRequested':
      return { request_id: record.requestId };
    case 'CertificateIssued':
      return {
        request_id: record.requestId, command_id: record.commandId, serial_number: record.serialNumber, subject: record.subject,
        not_after: toDate(record.notAfter),
      };
    case 'CertificateSigningRefused':
      return { request_id: record.requestId, reason: record.reason };
    default: {
      const _exhaustive: never = record;
      return _exhaustive;
    }
  }
}

function storable(details: Details): Details {
  return Object.fromEntries(Object.entries(details).map(([column, value]) => [column, typeof value === 'string' ? storableText(value) : value]));
}

export function securityEventRow(record: SecurityRecord, position: Position): Row {
  return {
    source_partition: position.partition,
    source_offset: position.offset,
    charge_point_id: storableText(record.chargePointId),
    type: record.type,
    at: toDate(record.at),
    ...noDetails,
    ...storable(detailsOf(record)),
  };
}
