// Folds ChargingProfileSet / ChargingProfilesCleared / CompositeScheduleReported from
// 'stations' into charging_profiles and composite_schedules: the profiles installed on each
// connector as the station accepted them, and the last composite schedule it reported.
import type { ChargingProfileSet, StationEvent } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Position, Projection, ProjectionRecord } from '../projection.ts';
import { upsert, type Statement } from '../upsert.ts';
import { clearedBy, compositeScheduleRow, profileRow, replacedBy } from './rows.ts';

async function run(db: Db, ...statements: Statement[]): Promise<void> {
  for (const statement of statements) await db.query(statement.text, statement.values);
}

function setProfile(db: Db, event: ChargingProfileSet): Promise<void> {
  return run(db, replacedBy(event), upsert('charging_profiles', profileRow(event), { key: ['charge_point_id', 'charging_profile_id'] }));
}

export async function projectChargingProfileEvent(db: Db, event: StationEvent): Promise<void> {
  switch (event.type) {
    case 'ChargingProfileSet':
      return setProfile(db, event);
    case 'ChargingProfilesCleared':
      return run(db, clearedBy(event));
    case 'CompositeScheduleReported':
      return run(db, upsert('composite_schedules', compositeScheduleRow(event), { key: ['charge_point_id', 'connector_id'] }));
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
    case 'LocalListUpdated':
    case 'LocalListVersionReported':
    case 'ReservationMade':
    case 'ReservationEnded':
      return;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unhandled station event ${JSON.stringify(_exhaustive)}`);
    }
  }
}

async function apply(db: Db, record: ProjectionRecord, _position: Position): Promise<void> {
  if (record.topic === 'stations' && record.value !== null) await projectChargingProfileEvent(db, record.value);
}

export const chargingProfilesProjection: Projection = {
  name: 'charging-profiles',
  topics: ['stations'],
  async reset(db) {
    await db.query('DELETE FROM charging_profiles');
    await db.query('DELETE FROM composite_schedules');
  },
  apply,
};
