// Folds the compacted 'stationCredentials' topic into station_credentials; a tombstone (the
// password removed, or the registration deleted) deletes the row.
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { credentialRow } from './rows.ts';

export const stationCredentialsProjection = defineProjection({
  name: 'station-credentials',
  tables: ['station_credentials'],
  async stationCredentials(db, key, credential) {
    if (credential === null) await db.write({ text: 'DELETE FROM station_credentials WHERE charge_point_id = $1', values: [key] });
    else await db.write(upsert('station_credentials', credentialRow(credential), { key: ['charge_point_id'] }));
  },
});
