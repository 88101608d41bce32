// A fake of the database port for unit tests: charge point rows and command rows looked up by
// id, everything else empty. It answers the projections' queries by the table they read.
import type pg from 'pg';
import type { Db } from '@csms/projections';

export type FakeRow = Record<string, unknown>;

interface FakeDbTables {
  readonly chargePoints?: ReadonlyMap<string, FakeRow>;
  /** A command's row at the time it is read (called per read, so it may change between reads). */
  readonly command?: (id: string) => FakeRow | undefined;
}

export function chargePointRow(id: string, fields: FakeRow = {}): FakeRow {
  return {
    id, registered: true, name: null, location: null, registration_status: 'Accepted', updated_at: new Date('2025-01-01T00:00:00Z'),
    vendor: null, model: null, serial_number: null, charge_box_serial_number: null, firmware_version: null, iccid: null, imsi: null,
    meter_type: null, meter_serial_number: null, heartbeat_interval: null, last_boot_status: null, last_boot_at: null,
    last_heartbeat_at: null, last_seen_at: null, firmware_status: null, firmware_request_id: null, firmware_status_at: null,
    diagnostics_status: null, diagnostics_status_at: null, diagnostics_file_name: null, log_status: null, log_status_request_id: null,
    log_status_at: null, security_profile: 0, password_set_at: null, password_set_by: null,
    previous_valid_until: null, site_address: null, site_city: null, site_postal_code: null, site_country: null,
    site_latitude: null, site_longitude: null, site_time_zone: null, ...fields,
  };
}

export function commandRow(id: string, status: string, fields: FakeRow = {}): FakeRow {
  return {
    id, charge_point_id: 'CP001', action: 'ChangeConfiguration', payload: '{}', timeout_seconds: 30, status,
    response: status === 'Accepted' ? '{"status":"Accepted"}' : null, error_code: null, error_description: null,
    requested_at: new Date('2025-01-15T10:00:00Z'), requested_by: null, sent_at: null, completed_at: null,
    node: null, connection_id: null, message_id: null, ...fields,
  };
}

function result<R extends pg.QueryResultRow>(rows: readonly FakeRow[]): pg.QueryResult<R> {
  return { rows: rows as unknown as R[], rowCount: rows.length, command: 'SELECT', oid: 0, fields: [] };
}

export function fakeDb(tables: FakeDbTables = {}): Db & { readonly queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
      queries.push(text);
      const id = String(values?.[0]);
      if (/count\(\*\)/.test(text)) return result([{ total: 0 }]);
      if (/FROM charge_points cp [\s\S]*WHERE cp\.id = \$1/.test(text)) {
        const row = tables.chargePoints?.get(id);
        return result(row === undefined ? [] : [row]);
      }
      if (/FROM commands WHERE id/.test(text)) {
        const row = tables.command?.(id);
        return result(row === undefined ? [] : [row]);
      }
      return result([]);
    },
  };
}
