// Folds StationConnected / StationDisconnected into one connections row per charge point.
// A station that reconnects often opens its new socket before the old one is closed, so a
// Disconnected only applies to the connection it names.
import type { StationEvent } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Position, Projection, ProjectionRecord } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { connectedRow, disconnectedRow } from './rows.ts';

export async function projectConnectionEvent(db: Db, event: StationEvent): Promise<void> {
  switch (event.type) {
    case 'StationConnected': {
      const statement = upsert('connections', connectedRow(event), { key: ['charge_point_id'] });
      await db.query(statement.text, statement.values);
      return;
    }
    case 'StationDisconnected': {
      const statement = upsert('connections', disconnectedRow(event), {
        key: ['charge_point_id'],
        where: 'connections.connection_id = EXCLUDED.connection_id',
      });
      await db.query(statement.text, statement.values);
      return;
    }
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
  if (record.topic === 'stations' && record.value !== null) await projectConnectionEvent(db, record.value);
}

export const connectionsProjection: Projection = {
  name: 'connections',
  topics: ['stations'],
  async reset(db) {
    await db.query('DELETE FROM connections');
  },
  apply,
};
