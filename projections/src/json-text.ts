// Events carry OCPP payloads as JSON text and the read models keep that text verbatim; the
// queries hand the api the parsed value.

/** The parsed value; text that is not JSON (never written by the CSMS) is returned as is. */
export function parseJsonText(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
