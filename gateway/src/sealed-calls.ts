// A password rotation travels as ChangeConfiguration {key: "AuthorizationKey", value: "sealed:v1:…"}
// (OCPP 1.6 Security Whitepaper ed. 3, "Updating the Charge Point Password"): every record on
// the way (command requests, command events, ocpp.outbound, read models) holds the sealed
// text. It is opened here, as the CALL is written to the station's socket, and nowhere else;
// what this returns is sent and dropped, never recorded or logged.
// Only that one shape is opened, and only with the identity of the socket it is written to (the
// seal's associated data, sealed-secrets.ts): a sealed value anywhere else (another key, another
// action, deeper in a payload), one sealed for another station, or one that cannot be opened (no
// CSMS_SECRETS_KEY, another key, altered text) makes the CALL undelivered (SecretUnavailable).
// So neither the sealed text nor a secret meant for another station or key reaches a station,
// where GetConfiguration would read it back.
import { MessageType, parseFrame, serializeFrame } from '@csms/contracts';
import { isSealed, type SecretSealer } from '@csms/infra';
import type { CsmsCall } from './call-queue.ts';

export type CallFrame = { readonly ok: true; readonly raw: string } | { readonly ok: false; readonly reason: 'SecretUnavailable' };

/** The text to write for one connection's CALL. */
export type RevealSecrets = (call: CsmsCall) => CallFrame;

/** The opener for the connection of one charge point: sealed values open only for it. */
export type RevealSecretsFor = (chargePointId: string) => RevealSecrets;

/** The one configuration key whose value may arrive sealed (CiString50Type: case-insensitive, OCPP 1.6 §9). */
const SEALED_KEY = 'authorizationkey';

const UNAVAILABLE: CallFrame = { ok: false, reason: 'SecretUnavailable' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How many strings (values or property names) anywhere in a JSON value look sealed; iterative, so no depth overflows. */
function sealedCount(root: unknown): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') count += isSealed(value) ? 1 : 0;
    else if (Array.isArray(value)) for (const item of value) stack.push(item);
    else if (isRecord(value)) {
      for (const [name, child] of Object.entries(value)) {
        if (isSealed(name)) count += 1;
        stack.push(child);
      }
    }
  }
  return count;
}

function open(sealer: SecretSealer | null, sealed: string, chargePointId: string, key: string): string | null {
  if (sealer === null) return null;
  try {
    return sealer.open(sealed, { chargePointId, key });
  } catch {
    return null;
  }
}

interface SealedSetting {
  readonly payload: Record<string, unknown>;
  readonly key: string;
  readonly value: string;
}

/** The ChangeConfiguration of AuthorizationKey to a sealed value, if that is what the CALL is. */
function sealedAuthorizationKey(action: string, payload: unknown): SealedSetting | null {
  if (action !== 'ChangeConfiguration' || !isRecord(payload)) return null;
  const { key, value } = payload;
  if (typeof key !== 'string' || typeof value !== 'string' || key.toLowerCase() !== SEALED_KEY || !isSealed(value)) return null;
  return { payload, key, value };
}

function reveal(sealer: SecretSealer | null, chargePointId: string, call: CsmsCall): CallFrame {
  const parsed = parseFrame(call.raw);
  // Not a CALL: the dispatcher sends none such; nothing here to open.
  if (!parsed.ok || parsed.frame.messageTypeId !== MessageType.Call) return { ok: true, raw: call.raw };
  const { action, payload } = parsed.frame;
  const count = sealedCount(payload);
  if (count === 0) return { ok: true, raw: call.raw };
  const setting = sealedAuthorizationKey(action, payload);
  // Exactly one sealed string, the value itself: anything sealed elsewhere is not sent.
  if (setting === null || count !== 1) return UNAVAILABLE;
  const value = open(sealer, setting.value, chargePointId, setting.key);
  if (value === null) return UNAVAILABLE;
  return { ok: true, raw: serializeFrame({ ...parsed.frame, payload: { ...setting.payload, value } }) };
}

/** Every CALL is looked through for sealed values; one without any goes out exactly as it came. */
export function revealSealedValues(sealer: SecretSealer | null): RevealSecretsFor {
  return (chargePointId) => (call) => reveal(sealer, chargePointId, call);
}
