// Sends a batch's writes to PostgreSQL together. node-postgres sends each parameterised statement
// as five protocol messages and waits for its answer before the next; under load the projections
// spent most of their time in those socket writes and round trips. Held writes go instead as one
// simple query of many statements: one write, one round trip.
//
// A simple query takes no parameters, so each value is inlined as the very text node-postgres
// would have sent for it as a parameter (its own prepareValue), quoted by its own escapeLiteral.
// PostgreSQL reads a quoted literal as it reads an untyped parameter, from the column or cast it
// meets. The statement texts are the projectors' own (code, never input): `$n` in them is always a
// placeholder, and each value has one, as PostgreSQL would insist for parameters.
import { createRequire } from 'node:module';
import pg from 'pg';
import type { Db, ProjectionDb } from './db.ts';
import type { Statement } from './upsert.ts';

// Exported by pg (as pg/lib/*) but not typed.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(value: unknown): string | Buffer | null };

/** Held SQL past this many characters is sent at once, so a large batch does not build one huge query. */
const MAX_HELD_CHARS = 1 << 20;

/** PostgreSQL's answer to a NUL in text (a parameter holding one gets the same), so it is dead-lettered alike. */
const NUL_REFUSED = '22021';

function literal(value: unknown): string {
  const text = prepareValue(value);
  if (text === null) return 'NULL';
  if (Buffer.isBuffer(text)) return pg.escapeLiteral(`\\x${text.toString('hex')}`);
  if (text.includes('\u0000')) {
    throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00 (text cannot hold NUL)'), { code: NUL_REFUSED });
  }
  return pg.escapeLiteral(text);
}

/** The statement as plain SQL, each `$n` replaced by the literal of its value. */
export function inlined(statement: Statement): string {
  const used = new Set<number>();
  const sql = statement.text.replace(/\$(\d+)/g, (_placeholder, digits: string) => {
    const index = Number(digits) - 1;
    if (index < 0 || index >= statement.values.length) throw new Error(`no value for $${digits} in: ${statement.text}`);
    used.add(index);
    return literal(statement.values[index]);
  });
  if (used.size !== statement.values.length) throw new Error(`${statement.values.length - used.size} value(s) without a placeholder in: ${statement.text}`);
  return sql;
}

export class StatementBatch implements ProjectionDb {
  #held: string[] = [];
  #heldChars = 0;

  constructor(private readonly db: Db) {}

  /** Inlined now, so a value PostgreSQL could not take fails the record that wrote it. */
  async write(...statements: readonly Statement[]): Promise<void> {
    for (const statement of statements) {
      const sql = inlined(statement);
      this.#held.push(sql);
      this.#heldChars += sql.length;
    }
    if (this.#heldChars > MAX_HELD_CHARS) await this.flush();
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    await this.flush();
    return this.db.query<R>(text, values);
  }

  /** Sends every held write, in order, as one query; the first that fails throws and the rest are not run. */
  async flush(): Promise<void> {
    if (this.#held.length === 0) return;
    const sql = this.#held.join(';\n');
    this.discard();
    await this.db.query(sql);
  }

  /** Forgets the held writes, when what wrote them is being undone. */
  discard(): void {
    this.#held = [];
    this.#heldChars = 0;
  }
}
