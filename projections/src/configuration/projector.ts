// Folds ConfigurationReported / ConfigurationChanged from 'stations' into configuration_keys
// (what the station reported) and configuration_changes (what was asked and how it answered).
// An accepted change does not touch the reported value: the keys show what the station said.
import type { ConfigurationReported, StationEvent } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Position, Projection, ProjectionRecord } from '../projection.ts';
import { upsert, type Statement } from '../upsert.ts';
import { changeRow, reportDeletions, reportedKeyRows } from './rows.ts';

async function run(db: Db, statements: readonly Statement[]): Promise<void> {
  for (const statement of statements) await db.query(statement.text, statement.values);
}

function applyReport(db: Db, event: ConfigurationReported): Promise<void> {
  const upserts = reportedKeyRows(event).map((row) => upsert('configuration_keys', row, { key: ['charge_point_id', 'key'] }));
  return run(db, [...reportDeletions(event), ...upserts]);
}

export async function projectConfigurationEvent(db: Db, event: StationEvent): Promise<void> {
  switch (event.type) {
    case 'ConfigurationReported':
      return applyReport(db, event);
    case 'ConfigurationChanged':
      return run(db, [upsert('configuration_changes', changeRow(event), { key: ['charge_point_id', 'key'] })]);
    case 'StationConnected':
    case 'StationDisconnected':
    case 'StationBooted':
    case 'HeartbeatReceived':
    case 'ConnectorStatusChanged':
    case 'DataTransferReceived':
    case 'FirmwareStatusReported':
    case 'DiagnosticsStatusReported':
    case 'LocalListUpdated':
    case 'LocalListVersionReported':
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
  if (record.topic === 'stations' && record.value !== null) await projectConfigurationEvent(db, record.value);
}

export const configurationProjection: Projection = {
  name: 'configuration',
  topics: ['stations'],
  async reset(db) {
    await db.query('DELETE FROM configuration_keys');
    await db.query('DELETE FROM configuration_changes');
  },
  apply,
};
