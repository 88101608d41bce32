// Reads of local_lists and local_list_entries, shaped for the api.
import { toIso, type Db } from '../db.ts';

export interface LocalListEntryView {
  readonly idTag: string;
  readonly status: string;
  readonly expiryDate: string | null;
  readonly parentIdTag: string | null;
  readonly updatedAt: string;
}

export interface LocalListView {
  readonly versionSent: number | null;
  readonly updateType: string | null;
  readonly sentAt: string | null;
  readonly versionReported: number | null;
  readonly reportedAt: string | null;
  readonly entries: LocalListEntryView[];
}

interface ListRow {
  version_sent: number | null; update_type: string | null; sent_at: Date | null;
  version_reported: number | null; reported_at: Date | null;
}

interface EntryRow {
  id_tag: string; status: string; expiry_date: Date | null; parent_id_tag: string | null; updated_at: Date;
}

/** What the CSMS knows of a charge point's list; all null and no entries when nothing is known. */
export async function findLocalList(db: Db, chargePointId: string): Promise<LocalListView> {
  const list = await db.query<ListRow>('SELECT * FROM local_lists WHERE charge_point_id = $1', [chargePointId]);
  const entries = await db.query<EntryRow>('SELECT * FROM local_list_entries WHERE charge_point_id = $1 ORDER BY id_tag', [chargePointId]);
  const row = list.rows[0];
  return {
    versionSent: row?.version_sent ?? null, updateType: row?.update_type ?? null, sentAt: toIso(row?.sent_at ?? null),
    versionReported: row?.version_reported ?? null, reportedAt: toIso(row?.reported_at ?? null),
    entries: entries.rows.map((e) => ({
      idTag: e.id_tag, status: e.status, expiryDate: toIso(e.expiry_date), parentIdTag: e.parent_id_tag, updatedAt: e.updated_at.toISOString(),
    })),
  };
}
