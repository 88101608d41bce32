// Folds the compacted 'idTags' topic into id_tags (a tombstone deletes the row) and logs
// every AuthorizationDecided from 'sessions' into authorizations.
import type { IdTag, SessionEvent } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Position, Projection, ProjectionRecord } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { authorizationRow, idTagRow } from './rows.ts';

export async function projectIdTag(db: Db, key: string, idTag: IdTag | null): Promise<void> {
  if (idTag === null) {
    await db.query('DELETE FROM id_tags WHERE id_tag = $1', [key]);
    return;
  }
  const statement = upsert('id_tags', idTagRow(idTag), { key: ['id_tag'] });
  await db.query(statement.text, statement.values);
}

export async function projectAuthorization(db: Db, event: SessionEvent, position: Position): Promise<void> {
  switch (event.type) {
    case 'AuthorizationDecided': {
      const statement = upsert('authorizations', authorizationRow(event, position), { key: ['source_partition', 'source_offset'] });
      await db.query(statement.text, statement.values);
      return;
    }
    case 'TransactionStarted':
    case 'MeterValuesSampled':
    case 'TransactionStopped':
      return;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unhandled session event ${JSON.stringify(_exhaustive)}`);
    }
  }
}

async function apply(db: Db, record: ProjectionRecord, position: Position): Promise<void> {
  switch (record.topic) {
    case 'idTags': {
      const key = record.value?.idTag ?? record.key;
      return key === null ? undefined : projectIdTag(db, key, record.value);
    }
    case 'sessions':
      return record.value === null ? undefined : projectAuthorization(db, record.value, position);
    case 'stations':
    case 'chargePoints':
    case 'commands':
      return undefined;
    default: {
      const _exhaustive: never = record;
      throw new Error(`unexpected record ${JSON.stringify(_exhaustive)}`);
    }
  }
}

export const idTagsProjection: Projection = {
  name: 'id-tags',
  topics: ['idTags', 'sessions'],
  async reset(db) {
    await db.query('DELETE FROM authorizations');
    await db.query('DELETE FROM id_tags');
  },
  apply,
};
