// Reads of the connections table, shaped for the api.
import { toIso, type Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';

export interface ConnectionView {
  readonly chargePointId: string;
  readonly connected: boolean;
  readonly node: number;
  readonly connectionId: string;
  readonly protocol: string | null;
  readonly remoteAddress: string | null;
  /** The security profile the connection proved at the upgrade; null when unknown. */
  readonly securityProfile: number | null;
  readonly connectedAt: string | null;
  readonly disconnectedAt: string | null;
  readonly closeCode: number | null;
  readonly closeReason: string | null;
}

interface ConnectionRow {
  charge_point_id: string; connected: boolean; node: number; connection_id: string; protocol: string | null;
  remote_address: string | null; security_profile: number | null; connected_at: Date | null; disconnected_at: Date | null;
  close_code: number | null; close_reason: string | null;
}

function toView(row: ConnectionRow): ConnectionView {
  return {
    chargePointId: row.charge_point_id, connected: row.connected, node: row.node, connectionId: row.connection_id,
    protocol: row.protocol, remoteAddress: row.remote_address, securityProfile: row.security_profile, connectedAt: toIso(row.connected_at),
    disconnectedAt: toIso(row.disconnected_at), closeCode: row.close_code, closeReason: row.close_reason,
  };
}

export interface ConnectionFilter extends PageRequest {
  /** Only open (true) or only closed (false) connections. */
  readonly connected?: boolean;
}

export async function listConnections(db: Db, filter: ConnectionFilter): Promise<Page<ConnectionView>> {
  const where = filter.connected === undefined ? '' : 'WHERE connected = $3';
  const values: unknown[] = [filter.limit, filter.offset];
  if (filter.connected !== undefined) values.push(filter.connected);
  const { rows } = await db.query<ConnectionRow & { total: number }>(
    `SELECT *, count(*) OVER ()::int AS total FROM connections ${where} ORDER BY charge_point_id LIMIT $1 OFFSET $2`,
    values,
  );
  return { items: rows.map(toView), total: rows[0]?.total ?? (await countConnections(db, filter.connected)) };
}

async function countConnections(db: Db, connected: boolean | undefined): Promise<number> {
  const { rows } = connected === undefined
    ? await db.query<{ total: number }>('SELECT count(*)::int AS total FROM connections')
    : await db.query<{ total: number }>('SELECT count(*)::int AS total FROM connections WHERE connected = $1', [connected]);
  return rows[0]?.total ?? 0;
}

export async function findConnection(db: Db, chargePointId: string): Promise<ConnectionView | undefined> {
  const { rows } = await db.query<ConnectionRow>('SELECT * FROM connections WHERE charge_point_id = $1', [chargePointId]);
  return rows[0] === undefined ? undefined : toView(rows[0]);
}

/** The OCPP subprotocol of the station's latest connection (ocpp1.6, ocpp2.0.1); null when never seen. */
export async function findStationProtocol(db: Db, chargePointId: string): Promise<string | null> {
  const { rows } = await db.query<{ protocol: string | null }>('SELECT protocol FROM connections WHERE charge_point_id = $1', [chargePointId]);
  return rows[0]?.protocol ?? null;
}
