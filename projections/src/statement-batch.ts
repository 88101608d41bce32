// Sends a batch's writes to PostgreSQL together. node-postgres sends each parameterised statement
// as five protocol messages and waits for its answer before the next; under load the projections
// spent most of their time in those socket writes and round trips. Held writes go instead as one
// simple query of many statements (sql-literal.ts), upserts of one shape as one multi-row INSERT
// (held-writes.ts): one write, one round trip, and far fewer statements for PostgreSQL to plan.
import type pg from 'pg';
import { columnTypesOf } from './column-types.ts';
import type { Db, ProjectionDb } from './db.ts';
import { HeldWrites } from './held-writes.ts';
import type { Statement } from './upsert.ts';

/** Held SQL past this many characters is sent at once, so a large batch does not build one huge query. */
const MAX_HELD_CHARS = 1 << 20;

export interface StatementBatchOptions {
  /**
   * Upserts of one shape as one multi-row INSERT (the default); without, each statement is sent as
   * written. A careful second try writes as written, so that whatever made a merged batch fail
   * (two keys PostgreSQL holds equal, written differently, fail a multi-row upsert) can only set
   * aside a record that fails on its own.
   */
  readonly multiRow?: boolean;
}

export class StatementBatch implements ProjectionDb {
  #held: HeldWrites;

  constructor(private readonly db: Db, private readonly options: StatementBatchOptions = {}) {
    this.#held = this.#empty();
  }

  /** Inlined now, so a value PostgreSQL could not take fails the record that wrote it. */
  async write(...statements: readonly Statement[]): Promise<void> {
    for (const statement of statements) this.#held.add(statement);
    if (this.#held.chars > MAX_HELD_CHARS) await this.flush();
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    await this.flush();
    return this.db.query<R>(text, values);
  }

  /** Sends every held write as one query; the first that fails throws and the rest are not run. */
  async flush(): Promise<void> {
    if (this.#held.empty) return;
    const sql = this.#held.sql(await columnTypesOf(this.db, this.#held.multiRowTables()));
    this.discard();
    await this.db.query(sql);
  }

  /** Forgets the held writes, when what wrote them is being undone. */
  discard(): void {
    this.#held = this.#empty();
  }

  #empty(): HeldWrites {
    return new HeldWrites(this.options.multiRow !== false);
  }
}
