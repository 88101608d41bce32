// A batch's held writes, ordered so that upserts of one shape go as one multi-row INSERT.
// PostgreSQL parses, plans and starts each statement on its own; many single-row upserts of one
// table cost it about three times what the same rows cost as one statement.
//
// Upserts of different rows commute: no projection table has triggers, foreign keys, a second
// unique index or a column default that counts, and an upsert reading another table is not
// merged (upsert.ts). So each write is placed in a layer, and layers are sent in order:
// - an upsert goes one layer above the last write of its row (known by its key's literals, which
//   are alike when PostgreSQL receives the same), and above the last other statement naming its
//   table; within a layer a row is written at most once, and the layer's upserts of one shape
//   become one statement;
// - any other statement (a DELETE, an UPDATE) goes above every write to a name in its text (every
//   word, keywords and columns too: more than needed, never less), and later writes to those
//   tables go above it.
// Every row, and every statement reading or deleting rows, so meets the writes before it exactly
// as in the order they were written. Held as written, writes are simply kept in their order.
//
// A multi-row upsert goes as `INSERT … SELECT * FROM unnest(<one array literal per column>)`
// where its columns' types are known (column-types.ts) and none is an array: PostgreSQL then
// parses and plans one literal per column instead of one per value, and upserted about 1.5 times
// as many rows a second in batches of 50 rows and twice as many in batches of 5,000 (medians). Otherwise it goes as `VALUES (…), (…)`.
import type { ColumnTypes } from './column-types.ts';
import { arrayLiteral, inlined, quoted, valueText } from './sql-literal.ts';
import type { Statement, UpsertShape } from './upsert.ts';

interface MultiRow {
  readonly shape: UpsertShape;
  /** Each row's value texts, in the shape's column order. */
  readonly rows: (string | null)[][];
}

interface Layer {
  /** Multi-row upserts and other statements, in the order first written. */
  readonly writes: (MultiRow | string)[];
  readonly byShape: Map<string, MultiRow>;
}

/** The words of a statement's own text (not of its values, which name nothing), folded as PostgreSQL folds names. */
const names = (statement: Statement): ReadonlySet<string> =>
  new Set(statement.text.match(/[A-Za-z_][A-Za-z0-9_]*/g)?.map((word) => word.toLowerCase()));

export class HeldWrites {
  #layers: Layer[] = [];
  /** Per row (its table and key), the layer of its last write. */
  #rowLayer = new Map<string, number>();
  /** Per table (or any name a statement held), the highest layer writing it. */
  #top = new Map<string, number>();
  /** Per table, the layer of the last statement other than an upsert that named it. */
  #floor = new Map<string, number>();
  #chars = 0;

  /** Without multiRow, each write is kept as written, in order. */
  constructor(private readonly multiRow: boolean) {}

  /** Characters of SQL held. */
  get chars(): number {
    return this.#chars;
  }

  get empty(): boolean {
    return this.#layers.length === 0;
  }

  add(statement: Statement): void {
    if (!this.multiRow) this.#layer(0).writes.push(this.#counted(inlined(statement)));
    else if (statement.upsert === undefined) this.#addStatement(statement);
    else this.#addUpsert(statement.text, statement.upsert, statement.values.map(valueText));
  }

  /** The tables of the multi-row upserts held: sql() needs their column types. */
  multiRowTables(): Set<string> {
    return new Set(this.#layers.flatMap((layer) => [...layer.byShape.values()].map((multiRow) => multiRow.shape.table)));
  }

  /** An upsert's text is its shape: its table, columns and conflict clause. */
  #addUpsert(text: string, shape: UpsertShape, texts: (string | null)[]): void {
    // Texts hold no NUL (valueText refuses it), so NUL separates them; NULL is not any text.
    const row = `${shape.table}\u0000${shape.keyAt.map((at) => texts[at] ?? '\u0001NULL').join('\u0000')}`;
    const index = Math.max(this.#rowLayer.get(row) ?? -1, this.#floor.get(shape.table) ?? -1) + 1;
    this.#rowLayer.set(row, index);
    this.#top.set(shape.table, Math.max(this.#top.get(shape.table) ?? -1, index));
    const layer = this.#layer(index);
    let multiRow = layer.byShape.get(text);
    if (multiRow === undefined) {
      multiRow = { shape, rows: [] };
      layer.byShape.set(text, multiRow);
      layer.writes.push(multiRow);
      this.#chars += shape.into.length + shape.onConflict.length + ' VALUES ;\n'.length;
    }
    multiRow.rows.push(texts);
    // As `('…', '…')`: about what either form takes.
    for (const value of texts) this.#chars += (value?.length ?? 4) + 4;
  }

  #addStatement(statement: Statement): void {
    const sql = inlined(statement);
    const named = names(statement);
    let index = 0;
    for (const name of named) index = Math.max(index, (this.#top.get(name) ?? -1) + 1);
    for (const name of named) {
      this.#top.set(name, index);
      this.#floor.set(name, index);
    }
    this.#layer(index).writes.push(this.#counted(sql));
  }

  #counted(sql: string): string {
    this.#chars += sql.length + ';\n'.length;
    return sql;
  }

  #layer(index: number): Layer {
    while (this.#layers.length <= index) this.#layers.push({ writes: [], byShape: new Map() });
    return this.#layers[index]!;
  }

  /** Every held write as one list of statements, given the column types of multiRowTables(). */
  sql(types: ColumnTypes): string {
    return this.#layers.flatMap((layer) => layer.writes.map((write) => typeof write === 'string' ? write : multiRowSql(write, types))).join(';\n');
  }
}

function multiRowSql({ shape, rows }: MultiRow, types: ColumnTypes): string {
  const tableTypes = types.get(shape.table);
  const columnTypes = shape.columns.map((column) => tableTypes?.get(column));
  if (rows.length > 1 && columnTypes.every((type) => type !== undefined && !type.endsWith(']'))) {
    const arrays = columnTypes.map((type, at) => arrayLiteral(rows.map((row) => row[at]!), type!));
    return `${shape.into} SELECT * FROM unnest(${arrays.join(', ')}) ${shape.onConflict}`;
  }
  return `${shape.into} VALUES ${rows.map((row) => `(${row.map(quoted).join(', ')})`).join(', ')} ${shape.onConflict}`;
}
