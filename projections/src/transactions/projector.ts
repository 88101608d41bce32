// Folds 'sessions' into transactions and meter_values. Starts and stops are upserts on the
// transaction id, so a stop for a start the CSMS never saw still makes a (Completed) row, and
// a start never turns a Completed transaction back into an Active one.
//
// OCPP 2.0.1 transactions also fold TransactionUpdated. A station that was offline sends its
// queued TransactionEvents late, so they may come after later ones: what describes the
// transaction now (trigger, charging state) is what the event with the highest seqNo said,
// while the seqNos still missing are those of the latest fact the sessions decider wrote.
import type { ProjectionDb } from '../db.ts';
import { defineProjection } from '../projection.ts';
import { upsert, type Row } from '../upsert.ts';
import { meterValueRows, startedRow, stoppedRow, transactionDataRows, updatedRow } from './rows.ts';

const key = ['transaction_id'];
const keepCompleted = { status: `CASE WHEN transactions.status = 'Completed' THEN 'Completed' ELSE EXCLUDED.status END` };
const keepKnown = {
  connector_id: 'COALESCE(EXCLUDED.connector_id, transactions.connector_id)',
  id_tag: 'COALESCE(EXCLUDED.id_tag, transactions.id_tag)',
  energy_wh: 'COALESCE(EXCLUDED.energy_wh, EXCLUDED.meter_stop_wh - transactions.meter_start_wh)',
};

/** The incoming event is not older than the newest one folded (always so for 1.6: no seqNos). */
const notOlder = '(transactions.last_seq_no IS NULL OR EXCLUDED.last_seq_no >= transactions.last_seq_no)';
const sequenced = {
  station_transaction_id: 'COALESCE(EXCLUDED.station_transaction_id, transactions.station_transaction_id)',
  last_seq_no: 'GREATEST(transactions.last_seq_no, EXCLUDED.last_seq_no)',
  trigger_reason: `CASE WHEN ${notOlder} THEN EXCLUDED.trigger_reason ELSE transactions.trigger_reason END`,
  charging_state: `CASE WHEN ${notOlder} THEN COALESCE(EXCLUDED.charging_state, transactions.charging_state)
    ELSE COALESCE(transactions.charging_state, EXCLUDED.charging_state) END`,
  // Whether any event was sent offline; null only while no 2.0.1 event was folded.
  offline: 'COALESCE(transactions.offline OR EXCLUDED.offline, transactions.offline, EXCLUDED.offline)',
};
const startMerge = {
  ...keepCompleted, ...sequenced,
  evse_connector_id: 'COALESCE(EXCLUDED.evse_connector_id, transactions.evse_connector_id)',
  remote_start_id: 'COALESCE(EXCLUDED.remote_start_id, transactions.remote_start_id)',
  // The sessions decider starts a transaction with its first event, so a 2.0.1 row already
  // here when a start is folded means that start is folded again (a redelivery or a replay)
  // after its later events: their missing seqNos are the newer. (1.6 has none on either side.)
  missing_seq_nos: 'COALESCE(transactions.missing_seq_nos, EXCLUDED.missing_seq_nos)',
};
const stopMerge = { ...keepKnown, ...sequenced };
const updateMerge = {
  ...keepCompleted, ...sequenced,
  id_tag: 'COALESCE(EXCLUDED.id_tag, transactions.id_tag)',
  id_token_type: 'COALESCE(EXCLUDED.id_token_type, transactions.id_token_type)',
};

function insertSamples(db: ProjectionDb, rows: readonly Row[]): Promise<void> {
  return db.write(...rows.map((row) => upsert('meter_values', row, { key: ['source_partition', 'source_offset', 'sample_index'] })));
}

export const transactionsProjection = defineProjection({
  name: 'transactions',
  tables: ['meter_values', 'transactions'],
  sessions: {
    TransactionStarted: (db, event) => db.write(upsert('transactions', startedRow(event), { key, merge: startMerge })),
    TransactionUpdated: (db, event) => db.write(upsert('transactions', updatedRow(event), { key, merge: updateMerge })),
    TransactionStopped: async (db, event, position) => {
      await db.write(upsert('transactions', stoppedRow(event), { key, merge: stopMerge }));
      await insertSamples(db, transactionDataRows(event, position));
    },
    MeterValuesSampled: (db, event, position) => insertSamples(db, meterValueRows(event, position)),
  },
});
