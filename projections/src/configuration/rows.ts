// Row mapping from ConfigurationReported / ConfigurationChanged to configuration_keys and
// configuration_changes, and the deletions a report implies (pure).
import type { ConfigurationChanged, ConfigurationReported } from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Row, Statement } from '../upsert.ts';

export function reportedKeyRows(event: ConfigurationReported): Row[] {
  return event.keys.map((entry) => ({
    charge_point_id: event.chargePointId,
    key: entry.key,
    value: entry.value,
    readonly: entry.readonly,
    reported_at: toDate(event.at),
  }));
}

/**
 * GetConfiguration (OCPP 1.6 §5.8): keys the station names as unknown are gone; a report of
 * every key (no keys asked for) also removes the keys it does not list.
 */
export function reportDeletions(event: ConfigurationReported): Statement[] {
  const statements: Statement[] = [];
  if (event.complete) {
    statements.push({
      text: 'DELETE FROM configuration_keys WHERE charge_point_id = $1 AND NOT (key = ANY($2))',
      values: [event.chargePointId, event.keys.map((entry) => entry.key)],
    });
  }
  if (event.unknownKeys.length > 0) {
    statements.push({
      text: 'DELETE FROM configuration_keys WHERE charge_point_id = $1 AND key = ANY($2)',
      values: [event.chargePointId, [...event.unknownKeys]],
    });
  }
  return statements;
}

/** The latest ChangeConfiguration answer per key (OCPP 1.6 §5.3), whatever its status. */
export function changeRow(event: ConfigurationChanged): Row {
  return {
    charge_point_id: event.chargePointId,
    key: event.key,
    value: event.value,
    status: event.status,
    requested_at: toDate(event.at),
  };
}
