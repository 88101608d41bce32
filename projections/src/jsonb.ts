// Values for JSONB columns. node-postgres would send a JS array as a PostgreSQL array literal, so
// JSON goes as text; and jsonb refuses NUL (\u0000) and lone surrogates in strings, so every
// string in it is made storable the way TEXT columns' are, rather than a row stopping its partition.
import { storableText } from './storable-text.ts';

export function jsonb(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'string' ? storableText(inner) : inner));
}
