// TxProfiles end with their transaction (OCPP 1.6 §3.13.1: a TxProfile "SHALL only be valid
// during the transaction"; §5.16: one sent without transactionId applies to the transaction
// running on its connector). The station discards them when the transaction stops, so the read
// model does too (pure statements).
//
// Profiles come from 'stations', stops from 'sessions'; the two are read in no fixed order
// relative to each other, live or in a rebuild. So every stop is remembered and both sides
// apply one predicate, "this stop ends that profile", to whichever arrives second:
// - a profile for transaction X ends with any stop of X;
// - a profile without transactionId on connector C ends with any stop on C at or after it was set.
// Times are the CSMS's `at` on both sides: one clock, in the order the station's frames came in.
import type { ChargingProfileSet, TransactionStopped } from '@csms/contracts';
import { toDate } from '../db.ts';
import { upsert, type Statement } from '../upsert.ts';

export const TX_PROFILE = 'TxProfile';

/** Remembers a stop (one row per stop event, so a redelivered one is a no-op). */
export function transactionEnded(event: TransactionStopped): Statement {
  const row = {
    charge_point_id: event.chargePointId,
    transaction_id: event.transactionId,
    connector_id: event.connectorId,
    ended_at: toDate(event.at),
  };
  return upsert('charging_profile_transaction_ends', row, { key: ['charge_point_id', 'transaction_id', 'ended_at'] });
}

/**
 * The TxProfiles a stop ends: those for its transaction, and those without transactionId set on
 * its connector before it. A stop whose connector is unknown (the start was never seen) ends
 * profiles by transaction id only.
 */
export function discardedBy(event: TransactionStopped): Statement {
  const values: unknown[] = [event.chargePointId, TX_PROFILE, event.transactionId];
  let ended = 'transaction_id = $3';
  if (event.connectorId !== null) {
    values.push(event.connectorId, toDate(event.at));
    ended = `(${ended} OR (transaction_id IS NULL AND connector_id = $4 AND set_at <= $5))`;
  }
  return { text: `DELETE FROM charging_profiles WHERE charge_point_id = $1 AND purpose = $2 AND ${ended}`, values };
}

/**
 * A TxProfile projected after a stop that ended it is discarded as soon as it is written (after
 * the replacement rules ran, as they did when the stop came later). Null for other purposes.
 */
export function endedBefore(event: ChargingProfileSet): Statement | null {
  if (event.purpose !== TX_PROFILE) return null;
  return {
    text: 'DELETE FROM charging_profiles p WHERE p.charge_point_id = $1 AND p.charging_profile_id = $2 AND p.purpose = $3 '
      + 'AND EXISTS (SELECT 1 FROM charging_profile_transaction_ends e WHERE e.charge_point_id = p.charge_point_id '
      + 'AND (e.transaction_id = p.transaction_id '
      + 'OR (p.transaction_id IS NULL AND e.connector_id = p.connector_id AND e.ended_at >= p.set_at)))',
    values: [event.chargePointId, event.chargingProfileId, TX_PROFILE],
  };
}
