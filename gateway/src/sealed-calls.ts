// A password rotation travels as ChangeConfiguration {key: "AuthorizationKey", value: "sealed:v1:…"}
// (OCPP 1.6 Security Whitepaper ed. 3, "Updating the Charge Point Password"): every record on
// the way (command requests, command events, ocpp.outbound, read models) holds the sealed
// text. It is opened here, as the CALL is written to the station's socket, and nowhere else;
// what this returns is sent and dropped, never recorded or logged. A sealed value that cannot
// be opened (no CSMS_SECRETS_KEY, another key, altered text) makes the CALL undelivered
// (SecretUnavailable): the sealed text itself never reaches a station.
import { isSealed, type SecretSealer } from '@csms/infra';
import type { CsmsCall } from './call-queue.ts';
import { parseFrame } from './frame-parser.ts';

export type CallFrame = { readonly ok: true; readonly raw: string } | { readonly ok: false; readonly reason: 'SecretUnavailable' };

export type RevealSecrets = (call: CsmsCall) => CallFrame;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function open(sealer: SecretSealer | null, sealed: string): string | null {
  if (sealer === null) return null;
  try {
    return sealer.open(sealed);
  } catch {
    return null;
  }
}

/** Only a ChangeConfiguration CALL whose value is sealed is parsed and re-serialized; every other frame goes out as it came. */
export function revealSealedValues(sealer: SecretSealer | null): RevealSecrets {
  return (call) => {
    if (call.action !== 'ChangeConfiguration') return { ok: true, raw: call.raw };
    const parsed = parseFrame(call.raw);
    if (!parsed.ok || parsed.frame.messageTypeId !== 2) return { ok: true, raw: call.raw };
    const { payload } = parsed.frame;
    if (!isRecord(payload) || typeof payload.value !== 'string' || !isSealed(payload.value)) return { ok: true, raw: call.raw };
    const value = open(sealer, payload.value);
    if (value === null) return { ok: false, reason: 'SecretUnavailable' };
    return { ok: true, raw: JSON.stringify([2, parsed.frame.messageId, parsed.frame.action, { ...payload, value }]) };
  };
}
