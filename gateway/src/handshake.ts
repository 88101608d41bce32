// Who is connecting and in which subprotocol, from the upgrade request alone (OCPP-J 1.6 and
// 2.0.1 §3.1: the charge point identity, by the rule of station-identity.ts; §3.1.2: the
// subprotocol: one with an action table in contracts). Pure, so the refusal happens before the upgrade, as an HTTP status.
import { isTableVersion, TABLE_VERSIONS, type TableVersion } from '@csms/contracts';
import { parseStationUrl } from './station-identity.ts';

export type HandshakeResult =
  | { readonly ok: true; readonly chargePointId: string; readonly protocol: TableVersion }
  | { readonly ok: false; readonly status: 400; readonly code: HandshakeErrorCode; readonly message: string };

type HandshakeErrorCode = 'INVALID_CHARGE_POINT_ID' | 'UNSUPPORTED_SUBPROTOCOL' | 'SUBPROTOCOL_REQUIRED';

interface HandshakeInput {
  /**
   * The request URL exactly as received, still percent-encoded: `/ocpp/CP001`, or the seed's
   * `/ocpp?chargePointId=CP001&version=1.6` (whose `version` stands in for a subprotocol).
   */
  readonly url: string;
  /** The Sec-WebSocket-Protocol header as received. */
  readonly protocolHeader: string | undefined;
}

function refuse(code: HandshakeErrorCode, message: string): HandshakeResult {
  return { ok: false, status: 400, code, message };
}

export function parseProtocolHeader(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header.split(',').map((p) => p.trim()).filter(Boolean);
}

/**
 * The first protocol the station offered that we speak: RFC 6455 §4.1 has the client list its
 * subprotocols in its order of preference, so a station offering `ocpp2.0.1, ocpp1.6` gets 2.0.1
 * and one offering `ocpp1.6, ocpp2.0.1` gets 1.6. ws hands handleProtocols a Set in header order.
 */
export function chooseProtocol(offered: Iterable<string>): TableVersion | null {
  for (const protocol of offered) if (isTableVersion(protocol)) return protocol;
  return null;
}

/**
 * The seed's `version=1.6` stands in for a subprotocol its 1.6 stations did not send. Only 1.6,
 * as before 2.0.1 was spoken: OCPP-J 2.0.1 §3.1.2 says the version MUST be in the
 * Sec-WebSocket-Protocol header, and no 2.0.1 station has relied on anything else here.
 */
function legacyProtocol(version: string | undefined): TableVersion | null {
  return version === '1.6' ? 'ocpp1.6' : null;
}

export function checkHandshake(input: HandshakeInput): HandshakeResult {
  const station = parseStationUrl(input.url);
  if (!station.ok) return refuse('INVALID_CHARGE_POINT_ID', station.message);
  const id = station.chargePointId;
  const offered = parseProtocolHeader(input.protocolHeader);
  if (offered.length > 0) {
    const protocol = chooseProtocol(offered);
    if (protocol === null) {
      return refuse('UNSUPPORTED_SUBPROTOCOL', `none of the offered subprotocols is supported (${TABLE_VERSIONS.join(', ')})`);
    }
    return { ok: true, chargePointId: id, protocol };
  }
  const legacy = legacyProtocol(station.legacyVersion);
  if (legacy === null) {
    return refuse('SUBPROTOCOL_REQUIRED', `a Sec-WebSocket-Protocol of ${TABLE_VERSIONS.join(', ')} is required`);
  }
  return { ok: true, chargePointId: id, protocol: legacy };
}
