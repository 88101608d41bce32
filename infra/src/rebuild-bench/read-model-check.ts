// After the rebuild, the rows the plan must have made in the read models its facts feed one row
// each: a station the projections did not register, or a session they did not fold, shows here as
// a shortfall, where the rebuild's own counts (records applied) cannot show it.
import type { Pool } from '../postgres.ts';
import type { PlannedCounts } from './fleet-plan.ts';

export type CheckedTable = 'charge_points' | 'id_tags' | 'transactions' | 'authorizations';

export interface TableCheck {
  readonly table: CheckedTable;
  readonly expected: number;
  readonly found: number;
}

/** One row per registration, id tag, started session and authorization. */
export function expectedRows(counts: PlannedCounts): Record<CheckedTable, number> {
  const { byKind } = counts;
  return {
    charge_points: byKind.ChargePoint ?? 0,
    id_tags: byKind.IdTag ?? 0,
    transactions: byKind.TransactionStarted ?? 0,
    authorizations: byKind.AuthorizationDecided ?? 0,
  };
}

export async function checkReadModels(pool: Pool, counts: PlannedCounts): Promise<TableCheck[]> {
  const checks: TableCheck[] = [];
  for (const [table, expected] of Object.entries(expectedRows(counts)) as [CheckedTable, number][]) {
    // The table names are the fixed ones above, never input.
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${table}`);
    checks.push({ table, expected, found: rows[0]?.n ?? 0 });
  }
  return checks;
}
