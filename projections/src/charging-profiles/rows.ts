// Row mapping and the deletions of the OCPP 1.6 charging profile rules (pure).
import type { ChargingProfileSet, ChargingProfilesCleared, CompositeScheduleReported } from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Row, Statement } from '../upsert.ts';

export function profileRow(event: ChargingProfileSet): Row {
  return {
    charge_point_id: event.chargePointId,
    charging_profile_id: event.chargingProfileId,
    connector_id: event.connectorId,
    stack_level: event.stackLevel,
    purpose: event.purpose,
    transaction_id: event.transactionId,
    valid_from: toDate(event.validFrom),
    valid_to: toDate(event.validTo),
    profile: event.profile,
    set_at: toDate(event.at),
  };
}

/**
 * The profiles a new one replaces (OCPP 1.6 §5.16): one with the same chargingProfileId, or
 * one with the same stackLevel and purpose on the same connector.
 */
export function replacedBy(event: ChargingProfileSet): Statement {
  return {
    text: 'DELETE FROM charging_profiles WHERE charge_point_id = $1 AND (charging_profile_id = $2 '
      + 'OR (connector_id = $3 AND stack_level = $4 AND purpose = $5))',
    values: [event.chargePointId, event.chargingProfileId, event.connectorId, event.stackLevel, event.purpose],
  };
}

/**
 * ClearChargingProfile (OCPP 1.6 §6.11) clears "either a specific charging profile (denoted by
 * id) or a selection of charging profiles that match" connectorId, stackLevel and purpose; a
 * criterion left out matches any value, so no criteria at all clears every profile.
 */
export function clearedBy(event: ChargingProfilesCleared): Statement {
  const values: unknown[] = [event.chargePointId];
  const conditions = ['charge_point_id = $1'];
  const add = (column: string, value: unknown): void => {
    values.push(value);
    conditions.push(`${column} = $${values.length}`);
  };
  if (event.chargingProfileId !== null) {
    add('charging_profile_id', event.chargingProfileId);
  } else {
    if (event.connectorId !== null) add('connector_id', event.connectorId);
    if (event.purpose !== null) add('purpose', event.purpose);
    if (event.stackLevel !== null) add('stack_level', event.stackLevel);
  }
  return { text: `DELETE FROM charging_profiles WHERE ${conditions.join(' AND ')}`, values };
}

/** The latest GetCompositeSchedule answer per connector (OCPP 1.6 §5.7). */
export function compositeScheduleRow(event: CompositeScheduleReported): Row {
  return {
    charge_point_id: event.chargePointId,
    connector_id: event.connectorId,
    schedule_start: toDate(event.scheduleStart),
    schedule: event.schedule,
    reported_at: toDate(event.at),
  };
}
