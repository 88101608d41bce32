// The one test for "a JSON object": what reading untrusted JSON asks before it looks at a field.

/** True for a non-null object that is not an array: a JSON object once parsed. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
