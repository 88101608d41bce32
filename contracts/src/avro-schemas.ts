// Loads every record schema in contracts/avro into one avsc registry, so records may
// refer to named types (enums, nested records) declared in other files.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';

const avroDir = fileURLToPath(new URL('../avro/', import.meta.url));

/** avsc options shared by every reader and writer of our records. */
export const avroOptions = {
  // Nullable fields read as `T | null`; unions of several records (a topic carrying several
  // event types) read wrapped, `{ "io.csms.x.Name": {...} }`, and the serde unwraps them.
  wrapUnions: 'auto',
} as const satisfies Partial<avro.ForSchemaOptions>;

/**
 * For a topic of several records: the record name of each value of the `type` field
 * (every such record has a single-symbol `type` enum), to wrap a value for avsc.
 */
export function branchNames(registry: AvroRegistry, recordNames: readonly string[]): Map<string, string> | null {
  if (recordNames.length === 1) return null;
  const branches = new Map<string, string>();
  for (const name of recordNames) {
    const record = registry[name] as avro.types.RecordType;
    const discriminator = record.field('type')?.type as avro.types.EnumType | undefined;
    const symbol = discriminator?.symbols[0];
    if (symbol === undefined) throw new Error(`${name} needs a single-symbol \`type\` enum to share a topic`);
    branches.set(symbol, name);
  }
  return branches;
}

export type AvroRegistry = Record<string, avro.Type>;

export function loadRecordSchemas(dir = avroDir): AvroRegistry {
  const pending = readdirSync(dir)
    .filter((file) => file.endsWith('.avsc'))
    .sort()
    .map((file) => ({ file, schema: JSON.parse(readFileSync(dir + file, 'utf8')) as avro.Schema }));
  const registry: AvroRegistry = {};
  // Files are read in name order; a record naming a type from a later file is retried
  // until every reference resolves.
  while (pending.length > 0) {
    const before = pending.length;
    for (let i = 0; i < pending.length; ) {
      const entry = pending[i]!;
      const attempt: AvroRegistry = { ...registry };
      try {
        avro.Type.forSchema(entry.schema, { ...avroOptions, registry: attempt });
        Object.assign(registry, attempt);
        pending.splice(i, 1);
      } catch {
        i += 1;
      }
    }
    if (pending.length === before) {
      throw new Error(`unresolvable Avro schemas: ${pending.map((p) => p.file).join(', ')}`);
    }
  }
  return registry;
}

/** The value type of a topic: one record, or a union of records with a `type` discriminator. */
export function topicValueType(registry: AvroRegistry, recordNames: readonly string[]): avro.Type {
  const schema = recordNames.length === 1 ? recordNames[0]! : [...recordNames];
  return avro.Type.forSchema(schema, { ...avroOptions, registry: { ...registry } });
}
