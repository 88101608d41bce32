// Folds LocalListUpdated / LocalListVersionReported from 'stations' into local_lists and
// local_list_entries: the list as the station accepted it, the version the CSMS last sent and
// the version the station last reported (they differ when the station lost its list).
import type { LocalListUpdated } from '@csms/contracts';
import type { ProjectionDb } from '../db.ts';
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { entryChanges, listReportedRow, listSentRow } from './rows.ts';

const listKey = ['charge_point_id'];

async function applyUpdate(db: ProjectionDb, event: LocalListUpdated): Promise<void> {
  const changes = entryChanges(event);
  if (changes.replaceAll) {
    await db.write({ text: 'DELETE FROM local_list_entries WHERE charge_point_id = $1', values: [event.chargePointId] });
  }
  if (changes.removals.length > 0) {
    await db.write({ text: 'DELETE FROM local_list_entries WHERE charge_point_id = $1 AND id_tag = ANY($2)', values: [event.chargePointId, changes.removals] });
  }
  await db.write(
    ...changes.upserts.map((row) => upsert('local_list_entries', row, { key: ['charge_point_id', 'id_tag'] })),
    upsert('local_lists', listSentRow(event), { key: listKey }));
}

export const localListsProjection = defineProjection({
  name: 'local-lists',
  tables: ['local_list_entries', 'local_lists'],
  stations: {
    LocalListUpdated: applyUpdate,
    LocalListVersionReported: (db, event) => db.write(upsert('local_lists', listReportedRow(event), { key: listKey })),
  },
});
