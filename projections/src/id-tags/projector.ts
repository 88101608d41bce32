// Folds the compacted 'idTags' topic into id_tags (a tombstone deletes the row) and logs
// every AuthorizationDecided from 'sessions' into authorizations.
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { authorizationRow, idTagRow } from './rows.ts';

export const idTagsProjection = defineProjection({
  name: 'id-tags',
  tables: ['authorizations', 'id_tags'],
  async idTags(db, key, idTag) {
    if (idTag === null) await db.write({ text: 'DELETE FROM id_tags WHERE id_tag = $1', values: [key] });
    else await db.write(upsert('id_tags', idTagRow(idTag), { key: ['id_tag'] }));
  },
  sessions: {
    AuthorizationDecided: (db, event, position) =>
      db.write(upsert('authorizations', authorizationRow(event, position), { key: ['source_partition', 'source_offset'] })),
  },
});
