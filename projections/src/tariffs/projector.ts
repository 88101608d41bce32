// Folds the compacted 'tariffs' and 'tariffAssignments' topics into tariffs and
// tariff_assignments: the latest value per key, a tombstone deletes the row.
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { assignmentRow, tariffRow } from './rows.ts';

export const tariffsProjection = defineProjection({
  name: 'tariffs',
  tables: ['tariff_assignments', 'tariffs'],
  async tariffs(db, key, tariff) {
    if (tariff === null) await db.write({ text: 'DELETE FROM tariffs WHERE id = $1', values: [key] });
    else await db.write(upsert('tariffs', tariffRow(tariff), { key: ['id'] }));
  },
  async tariffAssignments(db, key, assignment) {
    if (assignment === null) await db.write({ text: 'DELETE FROM tariff_assignments WHERE key = $1', values: [key] });
    else await db.write(upsert('tariff_assignments', assignmentRow(key, assignment), { key: ['key'] }));
  },
});
