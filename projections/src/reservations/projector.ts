// Folds ReservationMade / ReservationEnded from 'stations' into reservations. The first end of
// a reservation stays: a reservation Used cannot later become Expired.
import type { StationEvent } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Position, Projection, ProjectionRecord } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { endedRow, madeRow } from './rows.ts';

const key = ['charge_point_id', 'reservation_id'];

export async function projectReservationEvent(db: Db, event: StationEvent): Promise<void> {
  switch (event.type) {
    case 'ReservationMade': {
      const statement = upsert('reservations', madeRow(event), { key });
      await db.query(statement.text, statement.values);
      return;
    }
    case 'ReservationEnded': {
      const statement = upsert('reservations', endedRow(event), { key, where: `reservations.status = 'Active'` });
      await db.query(statement.text, statement.values);
      return;
    }
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
  if (record.topic === 'stations' && record.value !== null) await projectReservationEvent(db, record.value);
}

export const reservationsProjection: Projection = {
  name: 'reservations',
  topics: ['stations'],
  async reset(db) {
    await db.query('DELETE FROM reservations');
  },
  apply,
};
