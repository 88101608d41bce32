// Folds StationConnected / StationDisconnected into one connections row per charge point.
// A station that reconnects often opens its new socket before the old one is closed, so a
// Disconnected only applies to the connection it names.
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { connectedRow, disconnectedRow } from './rows.ts';

const key = ['charge_point_id'];

export const connectionsProjection = defineProjection({
  name: 'connections',
  tables: ['connections'],
  stations: {
    StationConnected: (db, event) => db.write(upsert('connections', connectedRow(event), { key })),
    StationDisconnected: (db, event) => db.write(upsert('connections', disconnectedRow(event), {
      key, where: 'connections.connection_id = EXCLUDED.connection_id',
    })),
  },
});
