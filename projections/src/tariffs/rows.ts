// Row mapping from the two compacted tariff topics (pure).
import { newestVersion, type Tariff, type TariffAssignment } from '@csms/contracts';
import { toDate } from '../db.ts';
import { jsonb } from '../jsonb.ts';
import type { Row } from '../upsert.ts';

export function tariffRow(tariff: Tariff): Row {
  const newest = newestVersion(tariff.versions);
  return {
    id: tariff.id,
    name: tariff.name,
    currency: newest?.currency ?? null,
    current_version: newest?.version ?? null,
    versions: jsonb(tariff.versions),
    updated_at: toDate(tariff.updatedAt),
    updated_by: tariff.updatedBy,
  };
}

/** Keyed by the topic's key, which a tombstone for it names. */
export function assignmentRow(key: string, assignment: TariffAssignment): Row {
  return {
    key,
    scope: assignment.scope,
    charge_point_id: assignment.chargePointId,
    evse_id: assignment.evseId,
    group_id_token: assignment.groupIdToken,
    tariff_id: assignment.tariffId,
    updated_at: toDate(assignment.updatedAt),
    updated_by: assignment.updatedBy,
  };
}
