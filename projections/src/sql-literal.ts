// SQL text for values, for writes sent as a simple query (which takes no parameters). Each value
// is inlined as the very text node-postgres would have sent for it as a parameter (its own
// prepareValue), quoted by its own escapeLiteral. PostgreSQL reads a quoted literal as it reads
// an untyped parameter, from the column or cast it meets. Statement texts are the projectors' own
// (code, never input): `$n` in them is always a placeholder, and each value has one, as
// PostgreSQL would insist for parameters.
import { createRequire } from 'node:module';
import pg from 'pg';
import { LONE_SURROGATE } from './storable-text.ts';
import type { Statement } from './upsert.ts';

// Exported by pg (as pg/lib/*) but not typed.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(value: unknown): string | Buffer | null };

/** PostgreSQL's answer to a NUL in text (a parameter holding one gets the same), so it is dead-lettered alike. */
const NUL_REFUSED = '22021';

/** A text escapeLiteral would only put quotes around: no quote, backslash, NUL or surrogate. */
const PLAIN_TEXT = /^[^'\\\u0000\uD800-\uDFFF]*$/;

/** What an array element's text must escape inside its double quotes. */
const ARRAY_SPECIAL = /["\\]/;
const ARRAY_ESCAPE = /["\\]/g;

/**
 * The text PostgreSQL receives for a value (null for NULL): the text node-postgres would send as
 * its parameter, a NUL refused and a lone surrogate replaced as Node replaces it. Two values it
 * receives alike have the same text, which is how held writes tell rows apart (held-writes.ts).
 */
export function valueText(value: unknown): string | null {
  // Most values are numbers and plain strings: the text the general path below gives them, in one pass.
  if (typeof value === 'number') return `${value}`;
  if (typeof value === 'string' && PLAIN_TEXT.test(value)) return value;
  const text = prepareValue(value);
  if (text === null) return null;
  if (Buffer.isBuffer(text)) return `\\x${text.toString('hex')}`;
  if (text.includes('\u0000')) {
    throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00 (text cannot hold NUL)'), { code: NUL_REFUSED });
  }
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** A value's text as a literal, quoted by escapeLiteral unless it has nothing to escape. */
export function quoted(text: string | null): string {
  if (text === null) return 'NULL';
  return PLAIN_TEXT.test(text) ? `'${text}'` : pg.escapeLiteral(text);
}

/** The literal PostgreSQL receives for a value. */
export function literal(value: unknown): string {
  return quoted(valueText(value));
}

/**
 * Texts as the literal of a one-dimensional array of the type (`'{"a",NULL}'::text[]`): each
 * element quoted, its quotes and backslashes escaped, as array_in reads them.
 */
export function arrayLiteral(texts: readonly (string | null)[], type: string): string {
  const elements = texts.map((text) => text === null ? 'NULL' : `"${ARRAY_SPECIAL.test(text) ? text.replace(ARRAY_ESCAPE, '\\$&') : text}"`);
  return `${quoted(`{${elements.join(',')}}`)}::${type}[]`;
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
