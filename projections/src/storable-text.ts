// Text a station sent, made storable. PostgreSQL TEXT cannot hold NUL, and a lone UTF-16
// surrogate has no UTF-8 form; both become U+FFFD, so the rest of the text survives. The
// gateway refuses such frames, but a row that cannot be written would stop its partition, so
// the read models do not rely on that.

/** A lone UTF-16 surrogate, which Node sends in UTF-8 as U+FFFD. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UNSTORABLE = new RegExp(`\\u0000|${LONE_SURROGATE.source}`, 'g');

export function storableText(text: string): string;
export function storableText(text: string | null): string | null;
export function storableText(text: string | null): string | null {
  return text === null ? null : text.replace(UNSTORABLE, '\uFFFD');
}
