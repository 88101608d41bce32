// Folds csms.billing into cdrs, cdr_credits and session_costs. Every record is an upsert on its
// own id (cdrId, creditId, transactionId), so a record folded twice changes nothing. A credit is
// written after the CDR it cancels (same chargePointId key, so the same partition), so it marks
// that CDR's credited_by; a CDR's upsert never writes credited_by, so folding it again keeps the mark.
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { cdrCostRow, cdrRow, creditRow, sessionCostRow } from './rows.ts';

/**
 * A session's cost only moves forward in station time: a record that runs to an earlier asOf (a
 * late one) leaves the newer cost; one to the same asOf, later in the partition, replaces it.
 */
const costKey = { key: ['transaction_id'], where: 'session_costs.as_of <= EXCLUDED.as_of' };
/**
 * The bill replaces whatever running cost came before it, even one priced to a later reading (a
 * station's MeterValues stamped after its stop). No running cost follows it: the processors close
 * a session at its stop; a re-rating's Correction CDR, later in the partition, replaces it in turn.
 */
const billKey = { key: ['transaction_id'] };

export const billingProjection = defineProjection({
  name: 'billing',
  tables: ['session_costs', 'cdr_credits', 'cdrs'],
  billing: {
    SessionCostUpdated: (db, event) => db.write(upsert('session_costs', sessionCostRow(event), costKey)),
    CdrIssued: async (db, event) => {
      await db.write(upsert('cdrs', cdrRow(event), { key: ['cdr_id'] }));
      // The bill, not the last running cost, is what the session cost (a Provisional one is not the bill).
      if (event.kind !== 'Provisional') await db.write(upsert('session_costs', cdrCostRow(event), billKey));
    },
    CdrCredited: async (db, event) => {
      await db.write(upsert('cdr_credits', creditRow(event), { key: ['credit_id'] }));
      // The first credit folded is the one that cancelled the CDR; a credit folded again leaves it.
      await db.write({ text: 'UPDATE cdrs SET credited_by = $1 WHERE cdr_id = $2 AND credited_by IS NULL', values: [event.creditId, event.creditedCdrId] });
    },
  },
});
