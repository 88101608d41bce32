// Folds 'sessions' into transactions and meter_values. Starts and stops are upserts on the
// transaction id, so a stop for a start the CSMS never saw still makes a (Completed) row, and
// a start never turns a Completed transaction back into an Active one.
import type { SessionEvent } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Position, Projection, ProjectionRecord } from '../projection.ts';
import { upsert, type Row } from '../upsert.ts';
import { meterValueRows, startedRow, stoppedRow, transactionDataRows } from './rows.ts';

const keepCompleted = { status: `CASE WHEN transactions.status = 'Completed' THEN 'Completed' ELSE EXCLUDED.status END` };
const keepKnown = {
  connector_id: 'COALESCE(EXCLUDED.connector_id, transactions.connector_id)',
  id_tag: 'COALESCE(EXCLUDED.id_tag, transactions.id_tag)',
  energy_wh: 'COALESCE(EXCLUDED.energy_wh, EXCLUDED.meter_stop_wh - transactions.meter_start_wh)',
};

async function insertSamples(db: Db, rows: readonly Row[]): Promise<void> {
  for (const row of rows) {
    const statement = upsert('meter_values', row, { key: ['source_partition', 'source_offset', 'sample_index'] });
    await db.query(statement.text, statement.values);
  }
}

export async function projectSessionEvent(db: Db, event: SessionEvent, position: Position): Promise<void> {
  switch (event.type) {
    case 'TransactionStarted': {
      const statement = upsert('transactions', startedRow(event), { key: ['transaction_id'], merge: keepCompleted });
      await db.query(statement.text, statement.values);
      return;
    }
    case 'TransactionStopped': {
      const statement = upsert('transactions', stoppedRow(event), { key: ['transaction_id'], merge: keepKnown });
      await db.query(statement.text, statement.values);
      return insertSamples(db, transactionDataRows(event, position));
    }
    case 'MeterValuesSampled':
      return insertSamples(db, meterValueRows(event, position));
    case 'AuthorizationDecided':
      return;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unhandled session event ${JSON.stringify(_exhaustive)}`);
    }
  }
}

async function apply(db: Db, record: ProjectionRecord, position: Position): Promise<void> {
  if (record.topic === 'sessions' && record.value !== null) await projectSessionEvent(db, record.value, position);
}

export const transactionsProjection: Projection = {
  name: 'transactions',
  topics: ['sessions'],
  async reset(db) {
    await db.query('DELETE FROM meter_values');
    await db.query('DELETE FROM transactions');
  },
  apply,
};
