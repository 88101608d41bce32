// Folds ChargingProfileSet / ChargingProfilesCleared / CompositeScheduleReported from
// 'stations' into charging_profiles and composite_schedules: the profiles installed on each
// connector as the station accepted them, and the last composite schedule it reported. Folds
// TransactionStopped from 'sessions' too: the station discards a TxProfile when its
// transaction ends (see transaction-ends.ts for why both orders of the topics agree).
import type { ChargingProfileSet } from '@csms/contracts';
import type { ProjectionDb } from '../db.ts';
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { clearedBy, compositeScheduleRow, profileRow, replacedBy } from './rows.ts';
import { discardedBy, endedBefore, transactionEnded } from './transaction-ends.ts';

async function setProfile(db: ProjectionDb, event: ChargingProfileSet): Promise<void> {
  await db.write(replacedBy(event), upsert('charging_profiles', profileRow(event), { key: ['charge_point_id', 'charging_profile_id'] }));
  const ended = endedBefore(event);
  if (ended !== null) await db.write(ended);
}

export const chargingProfilesProjection = defineProjection({
  name: 'charging-profiles',
  tables: ['charging_profiles', 'charging_profile_transaction_ends', 'composite_schedules'],
  stations: {
    ChargingProfileSet: setProfile,
    ChargingProfilesCleared: (db, event) => db.write(clearedBy(event)),
    CompositeScheduleReported: (db, event) =>
      db.write(upsert('composite_schedules', compositeScheduleRow(event), { key: ['charge_point_id', 'connector_id'] })),
  },
  sessions: {
    TransactionStopped: (db, event) => db.write(transactionEnded(event), discardedBy(event)),
  },
});
