// Folds 'commands' into one commands row per command. The status only moves forward:
// Requested -> Sent -> one final outcome, and the first outcome stays (processors ignore a
// late answer to a completed command, and so does the read model).
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import { completedRow, requestedRow, sentRow } from './rows.ts';

const key = ['id'];
const keepStatus = { status: 'commands.status' };
const sentUnlessCompleted = { status: `CASE WHEN commands.status = 'Requested' THEN EXCLUDED.status ELSE commands.status END` };

export const commandsProjection = defineProjection({
  name: 'commands',
  tables: ['commands'],
  commands: {
    CommandRequested: (db, event) => db.write(upsert('commands', requestedRow(event), { key, merge: keepStatus })),
    CommandSent: (db, event) => db.write(upsert('commands', sentRow(event), { key, merge: sentUnlessCompleted })),
    CommandCompleted: (db, event) => db.write(upsert('commands', completedRow(event), { key, where: 'commands.completed_at IS NULL' })),
  },
});
