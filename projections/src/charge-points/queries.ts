// Reads of charge_points and connectors, shaped for the api (camelCase, ISO times).
import type { StationSite } from '@csms/contracts';
import { toIso, type Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';
import { NO_EVSE_CONNECTOR } from './rows.ts';

export type RegistrationStatus = 'Accepted' | 'Pending' | 'Rejected';

export interface ChargePointView {
  readonly id: string;
  readonly registered: boolean;
  readonly name: string | null;
  readonly location: string | null;
  /** Where the station stands, as the operator registered it; null when not given. */
  readonly site: StationSite | null;
  readonly registrationStatus: RegistrationStatus | null;
  readonly updatedAt: string | null;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly serialNumber: string | null;
  readonly chargeBoxSerialNumber: string | null;
  readonly firmwareVersion: string | null;
  readonly iccid: string | null;
  readonly imsi: string | null;
  readonly meterType: string | null;
  readonly meterSerialNumber: string | null;
  readonly heartbeatInterval: number | null;
  readonly lastBootStatus: string | null;
  readonly lastBootAt: string | null;
  readonly lastHeartbeatAt: string | null;
  readonly lastSeenAt: string | null;
  readonly firmwareStatus: string | null;
  /** The SignedUpdateFirmware the status is about; null for a plain FirmwareStatusNotification. */
  readonly firmwareRequestId: number | null;
  readonly firmwareStatusAt: string | null;
  readonly diagnosticsStatus: string | null;
  readonly diagnosticsStatusAt: string | null;
  readonly diagnosticsFileName: string | null;
  /** The latest LogStatusNotification: how the upload GetLog asked for goes. */
  readonly logStatus: string | null;
  readonly logStatusRequestId: number | null;
  readonly logStatusAt: string | null;
  /** The least OCPP security profile the station must connect with; null while not registered. */
  readonly securityProfile: number | null;
  /** Whether the station has an HTTP Basic password (profiles 1 and 2), and when and by whom it was set. */
  readonly passwordSet: boolean;
  readonly passwordSetAt: string | null;
  readonly passwordSetBy: string | null;
  /** Until when the password it replaced still opens a connection (an AuthorizationKey rotation). */
  readonly previousPasswordValidUntil: string | null;
  /** The OCPP version the station speaks: the subprotocol of its latest connection (ocpp1.6, ocpp2.0.1); null before it first connected. */
  readonly protocol: string | null;
}

export interface ConnectorView {
  /** The 1.6 connector (0: the station as a whole), or the OCPP 2.0.1 EVSE. */
  readonly connectorId: number;
  /** OCPP 2.0.1: the connector within that EVSE; null for 1.6. */
  readonly evseConnectorId: number | null;
  readonly status: string;
  readonly errorCode: string;
  readonly info: string | null;
  readonly vendorId: string | null;
  readonly vendorErrorCode: string | null;
  readonly statusAt: string;
}

interface SiteColumns {
  site_address: string | null; site_city: string | null; site_postal_code: string | null; site_country: string | null;
  site_latitude: string | null; site_longitude: string | null; site_time_zone: string | null;
}

interface ChargePointRow extends SiteColumns {
  id: string; registered: boolean; name: string | null; location: string | null;
  registration_status: RegistrationStatus | null; updated_at: Date | null;
  vendor: string | null; model: string | null; serial_number: string | null; charge_box_serial_number: string | null;
  firmware_version: string | null; iccid: string | null; imsi: string | null; meter_type: string | null;
  meter_serial_number: string | null; heartbeat_interval: number | null; last_boot_status: string | null;
  last_boot_at: Date | null; last_heartbeat_at: Date | null; last_seen_at: Date | null;
  firmware_status: string | null; firmware_request_id: number | null; firmware_status_at: Date | null;
  diagnostics_status: string | null; diagnostics_status_at: Date | null; diagnostics_file_name: string | null;
  log_status: string | null; log_status_request_id: number | null; log_status_at: Date | null; security_profile: number | null;
  password_set_at: Date | null; password_set_by: string | null; previous_valid_until: Date | null;
  protocol: string | null;
}

export interface ConnectorRow {
  connector_id: number; evse_connector_id: number; status: string; error_code: string; info: string | null; vendor_id: string | null;
  vendor_error_code: string | null; status_at: Date;
}

/** The site columns as one value; the migration's CHECK keeps them whole or all null. */
function siteOf(row: SiteColumns): StationSite | null {
  const { site_address: address, site_city: city, site_country: country, site_latitude: latitude, site_longitude: longitude } = row;
  if (address === null || city === null || country === null || latitude === null || longitude === null) return null;
  return { address, city, postalCode: row.site_postal_code, country, coordinates: { latitude, longitude }, timeZone: row.site_time_zone };
}

export function toChargePointView(row: ChargePointRow): ChargePointView {
  return {
    id: row.id, registered: row.registered, name: row.name, location: row.location, site: siteOf(row),
    registrationStatus: row.registration_status, updatedAt: toIso(row.updated_at),
    vendor: row.vendor, model: row.model, serialNumber: row.serial_number,
    chargeBoxSerialNumber: row.charge_box_serial_number, firmwareVersion: row.firmware_version,
    iccid: row.iccid, imsi: row.imsi, meterType: row.meter_type, meterSerialNumber: row.meter_serial_number,
    heartbeatInterval: row.heartbeat_interval, lastBootStatus: row.last_boot_status,
    lastBootAt: toIso(row.last_boot_at), lastHeartbeatAt: toIso(row.last_heartbeat_at), lastSeenAt: toIso(row.last_seen_at),
    firmwareStatus: row.firmware_status, firmwareRequestId: row.firmware_request_id, firmwareStatusAt: toIso(row.firmware_status_at),
    diagnosticsStatus: row.diagnostics_status, diagnosticsStatusAt: toIso(row.diagnostics_status_at),
    diagnosticsFileName: row.diagnostics_file_name, logStatus: row.log_status, logStatusRequestId: row.log_status_request_id,
    logStatusAt: toIso(row.log_status_at), securityProfile: row.security_profile,
    passwordSet: row.password_set_at !== null, passwordSetAt: toIso(row.password_set_at), passwordSetBy: row.password_set_by,
    previousPasswordValidUntil: toIso(row.previous_valid_until), // A fake row of the api's unit tests may lack the joined column.
    protocol: row.protocol ?? null,
  };
}

export function toConnectorView(row: ConnectorRow): ConnectorView {
  return {
    connectorId: row.connector_id, evseConnectorId: row.evse_connector_id === NO_EVSE_CONNECTOR ? null : row.evse_connector_id, status: row.status, errorCode: row.error_code, info: row.info,
    vendorId: row.vendor_id, vendorErrorCode: row.vendor_error_code, statusAt: row.status_at.toISOString(),
  };
}

/**
 * The registry and station facts, with the credential facts of the station-credentials projection
 * and the protocol of the latest connection (connections projection).
 */
const selectChargePoints = `SELECT cp.*, sc.password_set_at, sc.password_set_by, sc.previous_valid_until, cn.protocol
  FROM charge_points cp LEFT JOIN station_credentials sc ON sc.charge_point_id = cp.id
  LEFT JOIN connections cn ON cn.charge_point_id = cp.id`;

export async function listChargePoints(db: Db, page: PageRequest): Promise<Page<ChargePointView>> {
  const { rows } = await db.query<ChargePointRow>(`${selectChargePoints} ORDER BY cp.id LIMIT $1 OFFSET $2`, [page.limit, page.offset]);
  const count = await db.query<{ total: number }>('SELECT count(*)::int AS total FROM charge_points');
  return { items: rows.map(toChargePointView), total: count.rows[0]?.total ?? 0 };
}

export async function findChargePoint(db: Db, id: string): Promise<ChargePointView | undefined> {
  const { rows } = await db.query<ChargePointRow>(`${selectChargePoints} WHERE cp.id = $1`, [id]);
  return rows[0] === undefined ? undefined : toChargePointView(rows[0]);
}

export async function listConnectors(db: Db, chargePointId: string): Promise<ConnectorView[]> {
  const { rows } = await db.query<ConnectorRow>(
    'SELECT * FROM connectors WHERE charge_point_id = $1 ORDER BY connector_id, evse_connector_id', [chargePointId],
  );
  return rows.map(toConnectorView);
}

/** The sites of these stations, by id; a station without a site (or unknown) is absent. */
export async function stationSites(db: Db, ids: readonly string[]): Promise<Map<string, StationSite>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<SiteColumns & { id: string }>(
    'SELECT id, site_address, site_city, site_postal_code, site_country, site_latitude, site_longitude, site_time_zone'
    + ' FROM charge_points WHERE id = ANY($1::text[]) AND site_address IS NOT NULL', [ids],
  );
  const sites = new Map<string, StationSite>();
  for (const row of rows) {
    const site = siteOf(row);
    if (site !== null) sites.set(row.id, site);
  }
  return sites;
}
