// Folds ConfigurationReported / ConfigurationChanged from 'stations' into configuration_keys
// (what the station reported) and configuration_changes (what was asked and how it answered).
// An accepted change does not touch the reported value: the keys show what the station said.
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { changeRow, reportDeletions, reportedKeyRows } from './rows.ts';

const key = ['charge_point_id', 'key'];

export const configurationProjection = defineProjection({
  name: 'configuration',
  tables: ['configuration_keys', 'configuration_changes'],
  stations: {
    ConfigurationReported: (db, event) => db.write(
      ...reportDeletions(event), ...reportedKeyRows(event).map((row) => upsert('configuration_keys', row, { key })),
    ),
    ConfigurationChanged: (db, event) => db.write(upsert('configuration_changes', changeRow(event), { key })),
  },
});
