// A database port that records the statements sent to it, for projector and query tests: it
// answers every query with the rows `answer` gives for it (none by default).
import type pg from 'pg';
import type { Db } from './db.ts';

export interface RecordedStatement {
  readonly text: string;
  readonly values: unknown[];
}

export function recordingDb(
  answer: (statement: RecordedStatement) => pg.QueryResultRow[] = () => [],
): Db & { statements: RecordedStatement[] } {
  const statements: RecordedStatement[] = [];
  return {
    statements,
    async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
      const statement = { text, values };
      statements.push(statement);
      const rows = answer(statement) as R[];
      return { rows, rowCount: rows.length, command: '', oid: 0, fields: [] };
    },
  };
}
