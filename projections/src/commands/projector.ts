// Folds 'commands' into one commands row per command. The status only moves forward:
// Requested -> Sent -> one final outcome, and the first outcome stays (processors ignore a
// late answer to a completed command, and so does the read model).
import type { CommandEvent } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { Position, Projection, ProjectionRecord } from '../projection.ts';
import { upsert, type Statement } from '../upsert.ts';
import { completedRow, requestedRow, sentRow } from './rows.ts';

const key = ['id'];
const keepStatus = { status: 'commands.status' };
const sentUnlessCompleted = { status: `CASE WHEN commands.status = 'Requested' THEN EXCLUDED.status ELSE commands.status END` };

function statementFor(event: CommandEvent): Statement {
  switch (event.type) {
    case 'CommandRequested':
      return upsert('commands', requestedRow(event), { key, merge: keepStatus });
    case 'CommandSent':
      return upsert('commands', sentRow(event), { key, merge: sentUnlessCompleted });
    case 'CommandCompleted':
      return upsert('commands', completedRow(event), { key, where: 'commands.completed_at IS NULL' });
    default: {
      const _exhaustive: never = event;
      throw new Error(`unhandled command event ${JSON.stringify(_exhaustive)}`);
    }
  }
}

export async function projectCommandEvent(db: Db, event: CommandEvent): Promise<void> {
  const statement = statementFor(event);
  await db.query(statement.text, statement.values);
}

async function apply(db: Db, record: ProjectionRecord, _position: Position): Promise<void> {
  if (record.topic === 'commands' && record.value !== null) await projectCommandEvent(db, record.value);
}

export const commandsProjection: Projection = {
  name: 'commands',
  topics: ['commands'],
  async reset(db) {
    await db.query('DELETE FROM commands');
  },
  apply,
};
