// Builds the idempotent INSERT .. ON CONFLICT .. DO UPDATE every projector writes with.
// Table and column names come from the projectors' code, never from input.

export type Row = Readonly<Record<string, unknown>>;

export interface Statement {
  readonly text: string;
  readonly values: unknown[];
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
  const onConflict = updates.length === 0 || options.keepExisting === true
    ? 'DO NOTHING'
    : `DO UPDATE SET ${updates.join(', ')}${options.where ? ` WHERE ${options.where}` : ''}`;
  return {
    text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) `
      + `ON CONFLICT (${options.key.join(', ')}) ${onConflict}`,
    values: columns.map((column) => row[column]),
  };
}
