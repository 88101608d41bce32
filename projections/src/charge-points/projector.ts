// Folds 'stations' (what charge points report) and 'chargePoints' (what the operator
// registered) into charge_points and connectors. The two topics write disjoint columns, so
// a rebuild that interleaves them differently yields the same rows.
import type { ChargePoint, StationEvent } from '@csms/contracts';
import type { Db } from '../db.ts';
import { toDate } from '../db.ts';
import type { Position, Projection, ProjectionRecord } from '../projection.ts';
import { upsert, type Statement } from '../upsert.ts';
import {
  bootRow, connectorRow, diagnosticsStatusRow, firmwareStatusRow, registrationRow, unregisteredColumns,
} from './rows.ts';

const lastSeen = { last_seen_at: 'GREATEST(charge_points.last_seen_at, EXCLUDED.last_seen_at)' };
// A status notification without a file name (the usual case) keeps the one the GetDiagnostics answer named.
const keepFileName = { ...lastSeen, diagnostics_file_name: 'COALESCE(EXCLUDED.diagnostics_file_name, charge_points.diagnostics_file_name)' };

function seen(chargePointId: string, at: number, extra: Record<string, unknown> = {}): Statement {
  const merge = 'last_heartbeat_at' in extra
    ? { ...lastSeen, last_heartbeat_at: 'GREATEST(charge_points.last_heartbeat_at, EXCLUDED.last_heartbeat_at)' }
    : lastSeen;
  return upsert('charge_points', { id: chargePointId, ...extra, last_seen_at: toDate(at) }, { key: ['id'], merge });
}

async function run(db: Db, ...statements: Statement[]): Promise<void> {
  for (const statement of statements) await db.query(statement.text, statement.values);
}

export async function projectStationEvent(db: Db, event: StationEvent): Promise<void> {
  switch (event.type) {
    case 'StationConnected':
    case 'StationDisconnected':
    case 'DataTransferReceived':
      return run(db, seen(event.chargePointId, event.at));
    case 'HeartbeatReceived':
      return run(db, seen(event.chargePointId, event.at, { last_heartbeat_at: toDate(event.at) }));
    case 'StationBooted':
      return run(db, upsert('charge_points', bootRow(event), { key: ['id'], merge: lastSeen }));
    case 'ConnectorStatusChanged':
      return run(
        db,
        seen(event.chargePointId, event.at),
        upsert('connectors', connectorRow(event), { key: ['charge_point_id', 'connector_id'] }),
      );
    case 'FirmwareStatusReported':
      return run(db, upsert('charge_points', firmwareStatusRow(event), { key: ['id'], merge: lastSeen }));
    case 'DiagnosticsStatusReported':
      return run(db, upsert('charge_points', diagnosticsStatusRow(event), { key: ['id'], merge: keepFileName }));
    // Answers to commands: their read models are other projections'. Not counted as "seen":
    // ReservationEnded(Expired) may be stamped with the time of an operator's request.
    case 'ConfigurationReported':
    case 'ConfigurationChanged':
    case 'LocalListUpdated':
    case 'LocalListVersionReported':
    case 'ReservationMade':
    case 'ReservationEnded':
    case 'ChargingProfileSet':
    case 'ChargingProfilesCleared':
    case 'CompositeScheduleReported':
      return undefined;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unhandled station event ${JSON.stringify(_exhaustive)}`);
    }
  }
}

/** A tombstone removes the registration; the row goes too when the station was never seen. */
export async function projectRegistration(db: Db, id: string, chargePoint: ChargePoint | null): Promise<void> {
  if (chargePoint !== null) {
    return run(db, upsert('charge_points', registrationRow(chargePoint), { key: ['id'] }));
  }
  await run(db, upsert('charge_points', { id, ...unregisteredColumns }, { key: ['id'] }));
  await db.query('DELETE FROM charge_points WHERE id = $1 AND last_seen_at IS NULL', [id]);
}

async function apply(db: Db, record: ProjectionRecord, _position: Position): Promise<void> {
  switch (record.topic) {
    case 'stations':
      return record.value === null ? undefined : projectStationEvent(db, record.value);
    case 'chargePoints': {
      const id = record.value?.id ?? record.key;
      return id === null ? undefined : projectRegistration(db, id, record.value);
    }
    case 'sessions':
    case 'idTags':
    case 'commands':
      return undefined;
    default: {
      const _exhaustive: never = record;
      throw new Error(`unexpected record ${JSON.stringify(_exhaustive)}`);
    }
  }
}

export const chargePointsProjection: Projection = {
  name: 'charge-points',
  topics: ['stations', 'chargePoints'],
  async reset(db) {
    await db.query('DELETE FROM connectors');
    await db.query('DELETE FROM charge_points');
  },
  apply,
};
