// Builds the idempotent INSERT .. ON CONFLICT .. DO UPDATE every projector writes with.
// Table and column names come from the projectors' code, never from input.

export type Row = Readonly<Record<string, unknown>>;

export interface Statement {
  readonly text: string;
  readonly values: unknown[];
  /** Set on an upsert of one row: held upserts of the same shape may be sent as one multi-row INSERT. */
  readonly upsert?: UpsertShape;
}

export interface UpsertShape {
  readonly table: string;
  /** `INSERT INTO table (columns)`: the text before VALUES. */
  readonly into: string;
  /** `ON CONFLICT …`: the text after VALUES. */
  readonly onConflict: string;
  /** Where the conflict key's columns are in values: which row is written. */
  readonly keyAt: readonly number[];
}

export interface UpsertOptions {
  /** The conflict target (primary key columns). */
  readonly key: readonly string[];
  /** Per column, an update expression other than `EXCLUDED.column`. */
  readonly merge?: Readonly<Record<string, string>>;
  /** Applies the update only when this holds (e.g. the same connection). */
  readonly where?: string;
  /** An existing row is left as it is: the first write wins. */
  readonly keepExisting?: boolean;
}

export function upsert(table: string, row: Row, options: UpsertOptions): Statement {
  const columns = Object.keys(row);
  const placeholders = columns.map((_, i) => `$${i + 1}`);
  const updates = columns
    .filter((column) => !options.key.includes(column))
    .map((column) => `${column} = ${options.merge?.[column] ?? `EXCLUDED.${column}`}`);
  const onConflict = `ON CONFLICT (${options.key.join(', ')}) ${updates.length === 0 || options.keepExisting === true
    ? 'DO NOTHING'
    : `DO UPDATE SET ${updates.join(', ')}${options.where ? ` WHERE ${options.where}` : ''}`}`;
  const into = `INSERT INTO ${table} (${columns.join(', ')})`;
  const keyAt = options.key.map((column) => columns.indexOf(column));
  if (keyAt.includes(-1)) throw new Error(`an upsert into ${table} lacks a key column of (${options.key.join(', ')})`);
  return {
    text: `${into} VALUES (${placeholders.join(', ')}) ${onConflict}`,
    values: columns.map((column) => row[column]),
    // An update that reads other tables is ordered as any other statement naming them (held-writes.ts).
    ...(/\bselect\b/i.test(onConflict) ? {} : { upsert: { table, into, onConflict, keyAt } }),
  };
}
