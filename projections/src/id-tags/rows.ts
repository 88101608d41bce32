// Row mapping from IdTag records and AuthorizationDecided events (pure).
import type { AuthorizationDecided, IdTag } from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Position } from '../projection.ts';
import type { Row } from '../upsert.ts';

export function idTagRow(idTag: IdTag): Row {
  return {
    id_tag: idTag.idTag,
    status: idTag.status,
    expiry_date: toDate(idTag.expiryDate),
    parent_id_tag: idTag.parentIdTag,
    updated_at: toDate(idTag.updatedAt),
    id_token_type: idTag.idTokenType,
  };
}

export function authorizationRow(event: AuthorizationDecided, position: Position): Row {
  return {
    source_partition: position.partition,
    source_offset: position.offset,
    charge_point_id: event.chargePointId,
    id_tag: event.idTag,
    status: event.status,
    expiry_date: toDate(event.expiryDate),
    parent_id_tag: event.parentIdTag,
    decided_at: toDate(event.at),
  };
}
