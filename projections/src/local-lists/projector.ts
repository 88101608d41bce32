// Folds LocalListUpdated / LocalListVersionReported from 'stations' into local_lists and
// local_list_entries: the list as the station accepted it, the version the CSMS last sent and
// the version the station last reported (they differ when the station lost its list).
import type { LocalListUpdated, StationEvent } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Position, Projection, ProjectionRecord } from '../projection.ts';
import { upsert, type Statement } from '../upsert.ts';
import { entryChanges, listReportedRow, listSentRow } from './rows.ts';

async function run(db: Db, statement: Statement): Promise<void> {
  await db.query(statement.text, statement.values);
}

async function applyUpdate(db: Db, event: LocalListUpdated): Promise<void> {
  const changes = entryChanges(event);
  if (changes.replaceAll) {
    await db.query('DELETE FROM local_list_entries WHERE charge_point_id = $1', [event.chargePointId]);
  }
  if (changes.removals.length > 0) {
    await db.query('DELETE FROM local_list_entries WHERE charge_point_id = $1 AND id_tag = ANY($2)', [event.chargePointId, changes.removals]);
  }
  for (const row of changes.upserts) await run(db, upsert('local_list_entries', row, { key: ['charge_point_id', 'id_tag'] }));
  await run(db, upsert('local_lists', listSentRow(event), { key: ['charge_point_id'] }));
}

export async function projectLocalListEvent(db: Db, event: StationEvent): Promise<void> {
  switch (event.type) {
    case 'LocalListUpdated':
      return applyUpdate(db, event);
    case 'LocalListVersionReported':
      return run(db, upsert('local_lists', listReportedRow(event), { key: ['charge_point_id'] }));
    case 'StationConnected':
    case 'StationDisconnected':
    case 'StationBooted':
    case 'HeartbeatReceived':
    case 'ConnectorStatusChanged':
    case 'DataTransferReceived':
    case 'FirmwareStatusReported':
    case 'DiagnosticsStatusReported':
    case 'ConfigurationReported':
    case 'ConfigurationChanged':
    case 'ReservationMade':
    case 'ReservationEnded':
    case 'ChargingProfileSet':
    case 'ChargingProfilesCleared':
    case 'CompositeScheduleReported':
      return;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unhandled station event ${JSON.stringify(_exhaustive)}`);
    }
  }
}

async function apply(db: Db, record: ProjectionRecord, _position: Position): Promise<void> {
  if (record.topic === 'stations' && record.value !== null) await projectLocalListEvent(db, record.value);
}

export const localListsProjection: Projection = {
  name: 'local-lists',
  topics: ['stations'],
  async reset(db) {
    await db.query('DELETE FROM local_list_entries');
    await db.query('DELETE FROM local_lists');
  },
  apply,
};
