// Reads of configuration_keys and configuration_changes, shaped for the api.
import type { Db } from '../db.ts';

export interface ConfigurationKeyView {
  readonly key: string;
  readonly value: string | null;
  readonly readonly: boolean;
  readonly reportedAt: string;
}

export interface ConfigurationChangeView {
  readonly key: string;
  readonly value: string;
  /** Accepted, Rejected, RebootRequired or NotSupported. */
  readonly status: string;
  /** When the station answered the ChangeConfiguration. */
  readonly requestedAt: string;
}

export interface ConfigurationView {
  readonly keys: ConfigurationKeyView[];
  readonly changes: ConfigurationChangeView[];
}

interface KeyRow { key: string; value: string | null; readonly: boolean; reported_at: Date }
interface ChangeRow { key: string; value: string; status: string; requested_at: Date }

export async function findConfiguration(db: Db, chargePointId: string): Promise<ConfigurationView> {
  const keys = await db.query<KeyRow>('SELECT * FROM configuration_keys WHERE charge_point_id = $1 ORDER BY key', [chargePointId]);
  const changes = await db.query<ChangeRow>(
    'SELECT * FROM configuration_changes WHERE charge_point_id = $1 ORDER BY requested_at DESC, key', [chargePointId],
  );
  return {
    keys: keys.rows.map((r) => ({ key: r.key, value: r.value, readonly: r.readonly, reportedAt: r.reported_at.toISOString() })),
    changes: changes.rows.map((r) => ({ key: r.key, value: r.value, status: r.status, requestedAt: r.requested_at.toISOString() })),
  };
}
