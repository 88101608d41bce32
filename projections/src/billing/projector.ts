// Folds csms.billing into cdrs, cdr_credits and session_costs. Every record is an upsert on its
// own id (cdrId, creditId, transactionId), so a record folded twice changes nothing. A CDR's
// credited_by is derived from cdr_credits after either record is written, so it comes out the
// same whether the credit or the CDR it cancels is folded first.
import type { Db } from '../db.ts';
import { defineProjection } from '../projection.ts';
import { run, upsert } from '../upsert.ts';
import { cdrCostRow, cdrRow, creditRow, sessionCostRow } from './rows.ts';

/** The first credit of a CDR (by time, then id) is the one that cancelled it. */
function markCredited(db: Db, cdrId: string): Promise<unknown> {
  return db.query(
    `UPDATE cdrs SET credited_by = (
       SELECT credit_id FROM cdr_credits WHERE credited_cdr_id = cdrs.cdr_id ORDER BY at, credit_id LIMIT 1)
     WHERE cdr_id = $1`,
    [cdrId],
  );
}

/**
 * A session's cost only moves forward in station time: a record that runs to an earlier asOf (a
 * late one) leaves the newer cost; one to the same asOf, later in the partition, replaces it.
 */
const costKey = { key: ['transaction_id'], where: 'session_costs.as_of <= EXCLUDED.as_of' };

export const billingProjection = defineProjection({
  name: 'billing',
  async reset(db) {
    await db.query('DELETE FROM session_costs');
    await db.query('DELETE FROM cdr_credits');
    await db.query('DELETE FROM cdrs');
  },
  billing: {
    SessionCostUpdated: (db, event) => run(db, upsert('session_costs', sessionCostRow(event), costKey)),
    CdrIssued: async (db, event) => {
      await run(db, upsert('cdrs', cdrRow(event), { key: ['cdr_id'] }));
      await markCredited(db, event.cdrId);
      // The bill, not the last running cost, is what the session cost (a Provisional one is not the bill).
      if (event.kind !== 'Provisional') await run(db, upsert('session_costs', cdrCostRow(event), costKey));
    },
    CdrCredited: async (db, event) => {
      await run(db, upsert('cdr_credits', creditRow(event), { key: ['credit_id'] }));
      await markCredited(db, event.creditedCdrId);
    },
  },
});
