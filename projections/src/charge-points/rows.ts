// Row mapping from events to the charge_points and connectors tables (pure).
import type {
  ChargePoint, ConnectorStatusChanged, StationSite, DiagnosticsStatusReported, FirmwareStatusReported, LogStatusReported, StationBooted,
  StationConnected,
} from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Row, Statement } from '../upsert.ts';

/** Operator config columns; a tombstone sets them back to these. */
export function registrationRow(chargePoint: ChargePoint): Row {
  return {
    id: chargePoint.id,
    registered: true,
    name: chargePoint.name,
    location: chargePoint.location,
    registration_status: chargePoint.registrationStatus,
    updated_at: toDate(chargePoint.updatedAt),
    security_profile: chargePoint.securityProfile,
    ...siteColumns(chargePoint.site),
  };
}

const noSite = {
  site_address: null, site_city: null, site_postal_code: null, site_country: null, site_latitude: null, site_longitude: null,
  site_time_zone: null,
} as const;

/** Every site column, so a registration without a site clears the one it had. */
export function siteColumns(site: StationSite | null): Row {
  if (site === null) return { ...noSite };
  return {
    site_address: site.address, site_city: site.city, site_postal_code: site.postalCode, site_country: site.country,
    site_latitude: site.coordinates.latitude, site_longitude: site.coordinates.longitude, site_time_zone: site.timeZone,
  };
}

export const unregisteredColumns = {
  registered: false, name: null, location: null, registration_status: null, updated_at: null, security_profile: null, ...noSite,
} as const;

/** What the station reported in its BootNotification (OCPP 1.6 §4.2). */
export function bootRow(event: StationBooted): Row {
  return {
    id: event.chargePointId,
    vendor: event.vendor,
    model: event.model,
    serial_number: event.serialNumber,
    charge_box_serial_number: event.chargeBoxSerialNumber,
    firmware_version: event.firmwareVersion,
    iccid: event.iccid,
    imsi: event.imsi,
    meter_type: event.meterType,
    meter_serial_number: event.meterSerialNumber,
    heartbeat_interval: event.heartbeatInterval,
    last_boot_status: event.registrationStatus,
    last_boot_at: toDate(event.at),
    last_seen_at: toDate(event.at),
  };
}

/** A 1.6 connector's evse_connector_id: 1.6 has no connectors within an EVSE. */
export const NO_EVSE_CONNECTOR = 0;

/**
 * The latest status of a connector: a 1.6 connector (0: the station as a whole), or an OCPP
 * 2.0.1 connector within the EVSE whose id is connectorId.
 */
export function connectorRow(event: ConnectorStatusChanged): Row {
  return {
    charge_point_id: event.chargePointId,
    connector_id: event.connectorId,
    evse_connector_id: event.evseConnectorId ?? NO_EVSE_CONNECTOR,
    status: event.status,
    error_code: event.errorCode,
    info: event.info,
    vendor_id: event.vendorId,
    vendor_error_code: event.vendorErrorCode,
    status_at: toDate(event.timestamp ?? event.at),
  };
}

/**
 * A station that changed protocol numbers its connectors anew: connecting with 2.0.1 removes
 * what 1.6 reported per connector, and connecting with 1.6 the 2.0.1 connectors per EVSE, so
 * the list shows one numbering only.
 */
export function otherNumberingDeletion(event: StationConnected): Statement {
  return {
    // A row of 1.6 numbering goes when the connection is a 2.0.1 one, and the other way round.
    text: 'DELETE FROM connectors WHERE charge_point_id = $1 AND (evse_connector_id = $2) = $3',
    values: [event.chargePointId, NO_EVSE_CONNECTOR, event.protocol === 'ocpp2.0.1'],
  };
}

/**
 * FirmwareStatusNotification (OCPP 1.6 §4.5), or SignedFirmwareStatusNotification with the
 * requestId of its SignedUpdateFirmware (Security Whitepaper L01); the latest of either wins.
 */
export function firmwareStatusRow(event: FirmwareStatusReported): Row {
  return {
    id: event.chargePointId,
    firmware_status: event.status,
    firmware_request_id: event.requestId,
    firmware_status_at: toDate(event.at),
    last_seen_at: toDate(event.at),
  };
}

/** LogStatusNotification (Security Whitepaper N01): the upload GetLog asked for. */
export function logStatusRow(event: LogStatusReported): Row {
  return {
    id: event.chargePointId,
    log_status: event.status,
    log_status_request_id: event.requestId,
    log_status_at: toDate(event.at),
    last_seen_at: toDate(event.at),
  };
}

/** DiagnosticsStatusNotification (OCPP 1.6 §4.4); fileName comes from the GetDiagnostics answer when known. */
export function diagnosticsStatusRow(event: DiagnosticsStatusReported): Row {
  return {
    id: event.chargePointId,
    diagnostics_status: event.status,
    diagnostics_status_at: toDate(event.at),
    diagnostics_file_name: event.fileName,
    last_seen_at: toDate(event.at),
  };
}
