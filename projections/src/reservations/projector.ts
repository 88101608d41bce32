// Folds ReservationMade / ReservationEnded from 'stations' into reservations. The first end of
// a reservation stays: a reservation Used cannot later become Expired.
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { endedRow, madeRow } from './rows.ts';

const key = ['charge_point_id', 'reservation_id'];

export const reservationsProjection = defineProjection({
  name: 'reservations',
  tables: ['reservations'],
  stations: {
    ReservationMade: (db, event) => db.write(upsert('reservations', madeRow(event), { key })),
    ReservationEnded: (db, event) => db.write(upsert('reservations', endedRow(event), { key, where: `reservations.status = 'Active'` })),
  },
});
