// A password rotation travels with the new password sealed ("sealed:v1:…") in the one place the
// station's protocol sets it (contracts' station-password-settings.ts: 1.6 ChangeConfiguration
// AuthorizationKey, 2.0.1 SetVariables SecurityCtrlr.BasicAuthPassword).
// Every record on the way (command requests, command events, ocpp.outbound, read models) holds
// the sealed text. It is opened here, as the CALL is written to the station's socket, and nowhere
// else; what this returns is sent and dropped, never recorded or logged.
// Only those shapes are opened, and only with the identity of the socket it is written to and
// the setting it is for (the seal's associated data, sealed-secrets.ts): a sealed value anywhere
// else (another key or variable, another action, deeper in a payload), one sealed for another
// station or setting, or one that cannot be opened (no CSMS_SECRETS_KEY, another key, altered
// text) makes the CALL undelivered (SecretUnavailable). So neither the sealed text nor a secret
// meant for another station or setting reaches a station, where it could be read back.
import { isRecord, MessageType, parseFrame, passwordValues, serializeFrame, type PasswordValue } from '@csms/contracts';
import { isSealed, type SecretSealer } from '@csms/infra';
import type { CsmsCall } from './call-queue.ts';

type CallFrame = { readonly ok: true; readonly raw: string } | { readonly ok: false; readonly reason: 'SecretUnavailable' };

/** The text to write for one connection's CALL. */
export type RevealSecrets = (call: CsmsCall) => CallFrame;

/** The opener for the connection of one charge point: sealed values open only for it. */
export type RevealSecretsFor = (chargePointId: string) => RevealSecrets;

const UNAVAILABLE: CallFrame = { ok: false, reason: 'SecretUnavailable' };

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

function open(sealer: SecretSealer | null, sealed: PasswordValue, chargePointId: string): string | null {
  if (sealer === null) return null;
  try {
    return sealer.open(sealed.value, { chargePointId, key: sealed.setting });
  } catch {
    return null;
  }
}

function reveal(sealer: SecretSealer | null, chargePointId: string, call: CsmsCall): CallFrame {
  const parsed = parseFrame(call.raw);
  // Not a CALL: the dispatcher sends none such; nothing here to open.
  if (!parsed.ok || parsed.frame.messageTypeId !== MessageType.Call) return { ok: true, raw: call.raw };
  const { action, payload } = parsed.frame;
  const count = sealedCount(payload);
  if (count === 0) return { ok: true, raw: call.raw };
  const sealed = passwordValues(action, payload).find(({ value }) => isSealed(value));
  // Exactly one sealed string, the password's value itself: anything sealed elsewhere is not sent.
  if (sealed === undefined || count !== 1) return UNAVAILABLE;
  const value = open(sealer, sealed, chargePointId);
  if (value === null) return UNAVAILABLE;
  return { ok: true, raw: serializeFrame({ ...parsed.frame, payload: sealed.withValue(value) }) };
}

/** Every CALL is looked through for sealed values; one without any goes out exactly as it came. */
export function revealSealedValues(sealer: SecretSealer | null): RevealSecretsFor {
  return (chargePointId) => (call) => reveal(sealer, chargePointId, call);
}
