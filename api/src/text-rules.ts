// What text the api accepts from a caller. PostgreSQL refuses NUL in text, a lone surrogate
// cannot be encoded in UTF-8 (Node would silently replace it), and control characters in an id
// or a name are never meant; so they stop at the edge, before any record is written that a
// projection could then not store.

/** C0 controls, DEL and C1 controls. */
const control = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, but tab, line feed and carriage return: free text in a body may hold lines. */
const controlButLineBreaks = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `value` is refused, as a phrase for an error message (never quoting it); null when it is fine. */
export function textProblem(value: string, options: { readonly lineBreaks: boolean }): string | null {
  if ((options.lineBreaks ? controlButLineBreaks : control).test(value)) return 'contains a control character';
  if (loneSurrogate.test(value)) return 'contains a lone UTF-16 surrogate';
  return null;
}

/**
 * Whether every %-escape of a raw query string is well-formed and decodes to valid UTF-8 (RFC 3986
 * §2.1, RFC 3629). The query parser would otherwise keep a broken escape as literal text.
 */
export function isWellEncodedQuery(rawQuery: string): boolean {
  for (const part of rawQuery.split(/[&=]/)) {
    try {
      decodeURIComponent(part.replaceAll('+', ' '));
    } catch {
      return false;
    }
  }
  return true;
}
