// Row mapping from LocalListUpdated / LocalListVersionReported to local_lists and
// local_list_entries (pure).
import type { LocalListUpdated, LocalListVersionReported } from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Row } from '../upsert.ts';

export function listSentRow(event: LocalListUpdated): Row {
  return {
    charge_point_id: event.chargePointId,
    version_sent: event.listVersion,
    update_type: event.updateType,
    sent_at: toDate(event.at),
  };
}

export function listReportedRow(event: LocalListVersionReported): Row {
  return {
    charge_point_id: event.chargePointId,
    version_reported: event.listVersion,
    reported_at: toDate(event.at),
  };
}

export interface EntryChanges {
  /** A Full update replaces the whole list. */
  readonly replaceAll: boolean;
  readonly upserts: readonly Row[];
  /** idTags to delete. */
  readonly removals: readonly string[];
}

/**
 * SendLocalList (OCPP 1.6 §5.15, §7.2 AuthorizationData): a Full update is the new list; in a
 * Differential update an entry with idTagInfo is added or updated and one without is deleted.
 * An entry without idTagInfo in a Full update (the spec requires it there) is not kept.
 */
export function entryChanges(event: LocalListUpdated): EntryChanges {
  const upserts: Row[] = [];
  const removals: string[] = [];
  for (const entry of event.entries) {
    if (entry.status === null) {
      removals.push(entry.idTag);
      continue;
    }
    upserts.push({
      charge_point_id: event.chargePointId,
      id_tag: entry.idTag,
      status: entry.status,
      expiry_date: toDate(entry.expiryDate),
      parent_id_tag: entry.parentIdTag,
      updated_at: toDate(event.at),
    });
  }
  const replaceAll = event.updateType === 'Full';
  return { replaceAll, upserts, removals: replaceAll ? [] : removals };
}
