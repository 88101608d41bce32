// Reads of charging_profiles and composite_schedules, shaped for the api.
import { toIso, type Db } from '../db.ts';
import { parseJsonText } from '../json-text.ts';

export interface ChargingProfileView {
  readonly chargingProfileId: number;
  readonly connectorId: number;
  readonly stackLevel: number;
  readonly purpose: string;
  readonly transactionId: number | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** The csChargingProfiles object the station accepted. */
  readonly profile: unknown;
  readonly setAt: string;
}

export interface ConnectorProfilesView {
  readonly connectorId: number;
  /** Lowest stack level first; the highest valid one prevails (OCPP 1.6 §3.13.2). */
  readonly profiles: ChargingProfileView[];
}

export interface CompositeScheduleView {
  readonly connectorId: number;
  readonly scheduleStart: string | null;
  readonly schedule: unknown;
  readonly reportedAt: string;
}

interface ProfileRow {
  charging_profile_id: number; connector_id: number; stack_level: number; purpose: string; transaction_id: number | null;
  valid_from: Date | null; valid_to: Date | null; profile: string; set_at: Date;
}

interface ScheduleRow { connector_id: number; schedule_start: Date | null; schedule: string | null; reported_at: Date }

function toProfileView(row: ProfileRow): ChargingProfileView {
  return {
    chargingProfileId: row.charging_profile_id, connectorId: row.connector_id, stackLevel: row.stack_level,
    purpose: row.purpose, transactionId: row.transaction_id, validFrom: toIso(row.valid_from), validTo: toIso(row.valid_to),
    profile: parseJsonText(row.profile), setAt: row.set_at.toISOString(),
  };
}

/** Groups profiles (already in connector, stack level order) per connector (pure). */
export function byConnector(profiles: readonly ChargingProfileView[]): ConnectorProfilesView[] {
  const groups: ConnectorProfilesView[] = [];
  for (const profile of profiles) {
    const last = groups[groups.length - 1];
    if (last?.connectorId === profile.connectorId) last.profiles.push(profile);
    else groups.push({ connectorId: profile.connectorId, profiles: [profile] });
  }
  return groups;
}

export async function listChargingProfiles(db: Db, chargePointId: string): Promise<ConnectorProfilesView[]> {
  const { rows } = await db.query<ProfileRow>(
    `SELECT * FROM charging_profiles WHERE charge_point_id = $1
     ORDER BY connector_id, stack_level, purpose, charging_profile_id`,
    [chargePointId],
  );
  return byConnector(rows.map(toProfileView));
}

export async function listCompositeSchedules(db: Db, chargePointId: string): Promise<CompositeScheduleView[]> {
  const { rows } = await db.query<ScheduleRow>(
    'SELECT * FROM composite_schedules WHERE charge_point_id = $1 ORDER BY connector_id', [chargePointId],
  );
  return rows.map((row) => ({
    connectorId: row.connector_id, scheduleStart: toIso(row.schedule_start), schedule: parseJsonText(row.schedule),
    reportedAt: row.reported_at.toISOString(),
  }));
}
