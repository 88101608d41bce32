// The fleet at a glance: every station with its connection, filtered and searched in SQL so a
// page of 10,000 stations costs one indexed scan, never a full load into the api.
import { toIso, type Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';
import { whereOf, type Where } from '../where.ts';

export interface FleetStation {
  readonly id: string;
  readonly name: string | null;
  readonly connected: boolean;
  /** The gateway node holding (or that last held) its socket; null when never connected. */
  readonly node: number | null;
  readonly protocol: string | null;
  /** The security profile its latest connection proved at the upgrade; null when unknown. */
  readonly securityProfile: number | null;
  /** The least security profile it must connect with; null while not registered. */
  readonly requiredSecurityProfile: number | null;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly firmwareVersion: string | null;
  readonly lastBootAt: string | null;
  readonly lastSeenAt: string | null;
  readonly connectedAt: string | null;
  readonly disconnectedAt: string | null;
}

export interface FleetSummary {
  readonly stations: number;
  readonly connected: number;
  /** Stations by the subprotocol of their latest connection. */
  readonly protocols: Readonly<Record<string, number>>;
}

export interface FleetFilter extends PageRequest {
  /** A case-insensitive substring of the id, name, vendor, model or firmware version. */
  readonly search?: string;
  readonly connected?: boolean;
  readonly protocol?: string;
}

interface FleetRow {
  id: string; name: string | null; connected: boolean | null; node: number | null; protocol: string | null;
  security_profile: number | null; required_security_profile: number | null; vendor: string | null; model: string | null; firmware_version: string | null;
  last_boot_at: Date | null; last_seen_at: Date | null; connected_at: Date | null; disconnected_at: Date | null;
  total: number;
}

/** `50%_off` searched literally: LIKE's wildcards and its escape character taken as text. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

// One value for all five columns: joined by a newline, which a search (one line of text) never
// holds, so a match never spans two columns.
const searched = "concat_ws(chr(10), cp.id, cp.name, cp.vendor, cp.model, cp.firmware_version) ILIKE ?";

export function fleetWhere(filter: FleetFilter): Where {
  return whereOf([
    [searched, filter.search === undefined || filter.search === '' ? undefined : likePattern(filter.search)],
    ['COALESCE(cn.connected, false) = ?', filter.connected],
    ['cn.protocol = ?', filter.protocol],
  ]);
}

function toFleetStation(row: FleetRow): FleetStation {
  return {
    id: row.id, name: row.name, connected: row.connected ?? false, node: row.node, protocol: row.protocol,
    securityProfile: row.security_profile, requiredSecurityProfile: row.required_security_profile, vendor: row.vendor, model: row.model, firmwareVersion: row.firmware_version,
    lastBootAt: toIso(row.last_boot_at), lastSeenAt: toIso(row.last_seen_at),
    connectedAt: toIso(row.connected_at), disconnectedAt: toIso(row.disconnected_at),
  };
}

export async function listFleet(db: Db, filter: FleetFilter): Promise<Page<FleetStation>> {
  const where = fleetWhere(filter);
  const limit = where.values.length + 1;
  const { rows } = await db.query<FleetRow>(
    `SELECT cp.id, cp.name, cn.connected, cn.node, cn.protocol, cn.security_profile, cp.security_profile AS required_security_profile,
       cp.vendor, cp.model, cp.firmware_version,
       cp.last_boot_at, cp.last_seen_at, cn.connected_at, cn.disconnected_at, count(*) OVER ()::int AS total
     FROM charge_points cp LEFT JOIN connections cn ON cn.charge_point_id = cp.id
     ${where.sql} ORDER BY cp.id LIMIT $${limit} OFFSET $${limit + 1}`,
    [...where.values, filter.limit, filter.offset],
  );
  // A page past the end has no row to carry the total.
  const total = rows[0]?.total ?? (filter.offset === 0 ? 0 : (await countFleet(db, where)));
  return { items: rows.map(toFleetStation), total };
}

async function countFleet(db: Db, where: Where): Promise<number> {
  const { rows } = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM charge_points cp LEFT JOIN connections cn ON cn.charge_point_id = cp.id ${where.sql}`,
    where.values,
  );
  return rows[0]?.total ?? 0;
}

export async function fleetSummary(db: Db): Promise<FleetSummary> {
  const { rows } = await db.query<{ protocol: string | null; stations: number; connected: number }>(
    `SELECT cn.protocol, count(*)::int AS stations, count(*) FILTER (WHERE cn.connected)::int AS connected
     FROM charge_points cp LEFT JOIN connections cn ON cn.charge_point_id = cp.id GROUP BY cn.protocol`,
  );
  const protocols: Record<string, number> = {};
  for (const row of rows) if (row.protocol !== null) protocols[row.protocol] = row.stations;
  return {
    stations: rows.reduce((sum, row) => sum + row.stations, 0),
    connected: rows.reduce((sum, row) => sum + row.connected, 0),
    protocols,
  };
}
