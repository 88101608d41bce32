// Folds 'stations' (what charge points report) and 'chargePoints' (what the operator
// registered) into charge_points and connectors. The two topics write disjoint columns, so
// a rebuild that interleaves them differently yields the same rows. Answers to commands are
// other projections' business and do not count as "seen": ReservationEnded(Expired) may be
// stamped with the time of an operator's request.
import type { StationEvent } from '@csms/contracts';
import { toDate, type ProjectionDb } from '../db.ts';
import { defineProjection } from '../projection.ts';
import { upsert, type Statement } from '../upsert.ts';
import {
  bootRow, connectorRow, diagnosticsStatusRow, firmwareStatusRow, logStatusRow, otherNumberingDeletion, registrationRow,
  unregisteredColumns,
} from './rows.ts';

const key = ['id'];
const lastSeen = { last_seen_at: 'GREATEST(charge_points.last_seen_at, EXCLUDED.last_seen_at)' };
const lastHeartbeat = { ...lastSeen, last_heartbeat_at: 'GREATEST(charge_points.last_heartbeat_at, EXCLUDED.last_heartbeat_at)' };
// A status notification without a file name (the usual case) keeps the one the GetDiagnostics answer named.
const keepFileName = { ...lastSeen, diagnostics_file_name: 'COALESCE(EXCLUDED.diagnostics_file_name, charge_points.diagnostics_file_name)' };

function seen(event: StationEvent): Statement {
  return upsert('charge_points', { id: event.chargePointId, last_seen_at: toDate(event.at) }, { key, merge: lastSeen });
}

const markSeen = (db: ProjectionDb, event: StationEvent) => db.write(seen(event));

export const chargePointsProjection = defineProjection({
  name: 'charge-points',
  tables: ['connectors', 'charge_points'],
  stations: {
    StationConnected: (db, event) => db.write(seen(event), otherNumberingDeletion(event)),
    StationDisconnected: markSeen,
    DataTransferReceived: markSeen,
    HeartbeatReceived: (db, event) => db.write(upsert('charge_points',
      { id: event.chargePointId, last_heartbeat_at: toDate(event.at), last_seen_at: toDate(event.at) }, { key, merge: lastHeartbeat })),
    StationBooted: (db, event) => db.write(upsert('charge_points', bootRow(event), { key, merge: lastSeen })),
    ConnectorStatusChanged: (db, event) => db.write(seen(event),
      upsert('connectors', connectorRow(event), { key: ['charge_point_id', 'connector_id', 'evse_connector_id'] })),
    FirmwareStatusReported: (db, event) => db.write(upsert('charge_points', firmwareStatusRow(event), { key, merge: lastSeen })),
    DiagnosticsStatusReported: (db, event) => db.write(upsert('charge_points', diagnosticsStatusRow(event), { key, merge: keepFileName })),
    LogStatusReported: (db, event) => db.write(upsert('charge_points', logStatusRow(event), { key, merge: lastSeen })),
  },
  /** A tombstone removes the registration; the row goes too when the station was never seen. */
  async chargePoints(db, id, chargePoint) {
    if (chargePoint !== null) return db.write(upsert('charge_points', registrationRow(chargePoint), { key }));
    await db.write(upsert('charge_points', { id, ...unregisteredColumns }, { key }));
    await db.write({ text: 'DELETE FROM charge_points WHERE id = $1 AND last_seen_at IS NULL', values: [id] });
  },
});
