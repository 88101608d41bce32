// Row mapping from StationCredential records to station_credentials (pure). Only the facts an
// operator needs (a password is set, when, by whom, until when the previous one still works);
// the hashes stay on the topic.
import type { StationCredential } from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Row } from '../upsert.ts';

export function credentialRow(credential: StationCredential): Row {
  return {
    charge_point_id: credential.chargePointId,
    password_set_at: toDate(credential.updatedAt),
    password_set_by: credential.updatedBy,
    previous_valid_until: toDate(credential.previousValidUntil),
  };
}
