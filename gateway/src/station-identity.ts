// The charge point's identity, read from the raw request URL at the upgrade (OCPP-J 1.6 §3.1:
// the identity is the last path segment; the seed's legacy form carries it as
// `?chargePointId=`), by the one rule of contracts (charge-point-id.ts), percent-decoded
// exactly once. Anything else, a malformed escape, %2F, an escape of '%' (so a second decoding
// would change it), spaces, NUL, `.` or `..`, is refused: never routed, logged or keyed on.
// fastify's decoding of the path parameter decides nothing: only this function reads the id.
import { CHARGE_POINT_ID_CHARACTER, CHARGE_POINT_ID_RULE, isChargePointId } from '@csms/contracts';

/** The raw form: allowed characters, or %XX escapes to be decoded. */
const ENCODED = new RegExp(`^(?:${CHARGE_POINT_ID_CHARACTER}|%[0-9A-Fa-f]{2})+$`);

type StationUrl =
  | { readonly ok: true; readonly chargePointId: string; readonly legacyVersion: string | undefined }
  | { readonly ok: false; readonly message: string };

const RULE = `chargePointId must be ${CHARGE_POINT_ID_RULE}`;

/** The identity from its raw (still percent-encoded) form, or null when it breaks the rule. */
export function decodeStationIdentity(raw: string): string | null {
  if (!ENCODED.test(raw)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null; // an escape that is not UTF-8
  }
  // The allowed set has no '%': whatever would decode again is refused here.
  return isChargePointId(decoded) ? decoded : null;
}

/**
 * Query parameters by raw name, values still encoded. '+' stays '+' (RFC 3986, not HTML
 * form encoding): it is a character identities may hold.
 */
function queryParams(query: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const [name, value] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    params.set(name, [...(params.get(name) ?? []), value]);
  }
  return params;
}

function single(params: Map<string, string[]>, name: string): string | undefined | null {
  const values = params.get(name);
  if (values === undefined) return undefined;
  return values.length === 1 ? values[0]! : null;
}

/** `/ocpp/{id}` or `/ocpp?chargePointId={id}&version=1.6`, from the request line as received. */
export function parseStationUrl(rawUrl: string): StationUrl {
  const mark = rawUrl.indexOf('?');
  const path = mark < 0 ? rawUrl : rawUrl.slice(0, mark);
  const params = queryParams(mark < 0 ? '' : rawUrl.slice(mark + 1));
  const version = single(params, 'version');
  let rawId: string | undefined | null;
  if (path.startsWith('/ocpp/')) rawId = path.slice('/ocpp/'.length);
  else if (path === '/ocpp') rawId = single(params, 'chargePointId');
  if (rawId === undefined || rawId === null || version === null) return { ok: false, message: RULE };
  const chargePointId = decodeStationIdentity(rawId);
  if (chargePointId === null) return { ok: false, message: RULE };
  return { ok: true, chargePointId, legacyVersion: version };
}
