// Folds 'sessions' into transactions and meter_values. Starts and stops are upserts on the
// transaction id, so a stop for a start the CSMS never saw still makes a (Completed) row, and
// a start never turns a Completed transaction back into an Active one.
import type { Db } from '../db.ts';
import { defineProjection } from '../projection.ts';
import { run, upsert, type Row } from '../upsert.ts';
import { meterValueRows, startedRow, stoppedRow, transactionDataRows } from './rows.ts';

const key = ['transaction_id'];
const keepCompleted = { status: `CASE WHEN transactions.status = 'Completed' THEN 'Completed' ELSE EXCLUDED.status END` };
const keepKnown = {
  connector_id: 'COALESCE(EXCLUDED.connector_id, transactions.connector_id)',
  id_tag: 'COALESCE(EXCLUDED.id_tag, transactions.id_tag)',
  energy_wh: 'COALESCE(EXCLUDED.energy_wh, EXCLUDED.meter_stop_wh - transactions.meter_start_wh)',
};

function insertSamples(db: Db, rows: readonly Row[]): Promise<void> {
  return run(db, ...rows.map((row) => upsert('meter_values', row, { key: ['source_partition', 'source_offset', 'sample_index'] })));
}

export const transactionsProjection = defineProjection({
  name: 'transactions',
  async reset(db) {
    await db.query('DELETE FROM meter_values');
    await db.query('DELETE FROM transactions');
  },
  sessions: {
    TransactionStarted: (db, event) => run(db, upsert('transactions', startedRow(event), { key, merge: keepCompleted })),
    TransactionStopped: async (db, event, position) => {
      await run(db, upsert('transactions', stoppedRow(event), { key, merge: keepKnown }));
      await insertSamples(db, transactionDataRows(event, position));
    },
    MeterValuesSampled: (db, event, position) => insertSamples(db, meterValueRows(event, position)),
  },
});
