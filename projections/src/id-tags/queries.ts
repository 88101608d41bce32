// Reads of id_tags, shaped for the api.
import { toIso, type Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';

export type IdTagStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid';

export interface IdTagView {
  readonly idTag: string;
  readonly status: IdTagStatus;
  readonly expiryDate: string | null;
  readonly parentIdTag: string | null;
  readonly updatedAt: string;
  /** The OCPP 2.0.1 IdTokenEnumType the token must be presented as; null: any type (every 1.6 id tag). */
  readonly idTokenType: string | null;
}

interface IdTagRow {
  id_tag: string; status: IdTagStatus; expiry_date: Date | null; parent_id_tag: string | null; updated_at: Date;
  id_token_type: string | null;
}

function toView(row: IdTagRow): IdTagView {
  return {
    idTag: row.id_tag, status: row.status, expiryDate: toIso(row.expiry_date), parentIdTag: row.parent_id_tag,
    updatedAt: row.updated_at.toISOString(), idTokenType: row.id_token_type,
  };
}

export async function listIdTags(db: Db, page: PageRequest): Promise<Page<IdTagView>> {
  const { rows } = await db.query<IdTagRow>('SELECT * FROM id_tags ORDER BY id_tag LIMIT $1 OFFSET $2', [page.limit, page.offset]);
  const count = await db.query<{ total: number }>('SELECT count(*)::int AS total FROM id_tags');
  return { items: rows.map(toView), total: count.rows[0]?.total ?? 0 };
}

export async function findIdTag(db: Db, idTag: string): Promise<IdTagView | undefined> {
  const { rows } = await db.query<IdTagRow>('SELECT * FROM id_tags WHERE id_tag = $1', [idTag]);
  return rows[0] === undefined ? undefined : toView(rows[0]);
}
