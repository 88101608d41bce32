// Turns the Avro record schemas into TypeScript declarations: records become interfaces,
// enums string-literal unions, nullable unions `T | null`, longs and timestamps `number`.
import avro from 'avsc';
import type { AvroRegistry } from '../src/avro-schemas.ts';

function shortName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

function typeExpression(type: avro.Type): string {
  if (avro.Type.isType(type, 'record', 'error', 'enum', 'fixed')) return shortName(type.name!);
  if (avro.Type.isType(type, 'union:unwrapped', 'union:wrapped')) {
    return (type as avro.types.UnwrappedUnionType).types.map(typeExpression).join(' | ');
  }
  if (avro.Type.isType(type, 'array')) return `Array<${typeExpression((type as avro.types.ArrayType).itemsType)}>`;
  if (avro.Type.isType(type, 'map')) return `Record<string, ${typeExpression((type as avro.types.MapType).valuesType)}>`;
  if (avro.Type.isType(type, 'logical:timestamp-millis')) return 'number';
  switch (type.typeName) {
    case 'string': return 'string';
    case 'int': case 'long': case 'float': case 'double': return 'number';
    case 'boolean': return 'boolean';
    case 'bytes': return 'Buffer';
    case 'null': return 'null';
    default: throw new Error(`no TypeScript mapping for Avro type ${type.typeName}`);
  }
}

function declaration(type: avro.Type): string {
  const name = shortName(type.name!);
  const doc = type.doc ? `/** ${type.doc} */\n` : '';
  if (avro.Type.isType(type, 'enum')) {
    return `${doc}export type ${name} = ${(type as avro.types.EnumType).symbols.map((s) => `'${s}'`).join(' | ')};`;
  }
  const fields = (type as avro.types.RecordType).fields.map((field) => {
    const fieldDocText = (field as { doc?: string }).doc;
    const fieldDoc = fieldDocText ? `  /** ${fieldDocText} */\n` : '';
    return `${fieldDoc}  readonly ${field.name}: ${typeExpression(field.type)};`;
  });
  return `${doc}export interface ${name} {\n${fields.join('\n')}\n}`;
}

export function avroToTypeScript(registry: AvroRegistry, unions: Record<string, readonly string[]>): string {
  const named = Object.values(registry)
    .filter((type) => avro.Type.isType(type, 'record', 'enum'))
    .sort((a, b) => shortName(a.name!).localeCompare(shortName(b.name!)));
  const aliases = Object.entries(unions).map(
    ([alias, records]) => `export type ${alias} = ${records.map(shortName).join(' | ')};`,
  );
  return [...named.map(declaration), ...aliases].join('\n\n') + '\n';
}
