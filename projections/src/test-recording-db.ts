// A database port that records the statements sent to it, for projector and query tests: it
// answers every query with the rows `answer` gives for it (none by default), and records each
// write as it is written (not held).
import type pg from 'pg';
import type { ProjectionDb } from './db.ts';
import type { Statement } from './upsert.ts';

export interface RecordedStatement {
  readonly text: string;
  readonly values: unknown[];
}

export function recordingDb(
  answer: (statement: RecordedStatement) => pg.QueryResultRow[] = () => [],
): ProjectionDb & { statements: RecordedStatement[] } {
  const statements: RecordedStatement[] = [];
  return {
    statements,
    async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
      const statement = { text, values };
      statements.push(statement);
      const rows = answer(statement) as R[];
      return { rows, rowCount: rows.length, command: '', oid: 0, fields: [] };
    },
    async write(...written: readonly Statement[]): Promise<void> {
      statements.push(...written.map(({ text, values }) => ({ text, values })));
    },
  };
}
