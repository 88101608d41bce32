// The CALLRESULT payloads the gateway sends itself, for the CALLs whose answer depends on
// no state (GATEWAY_ANSWERED_ACTIONS); sent only after Kafka acknowledged the CALL.
import { GATEWAY_ANSWERED_ACTIONS } from '@csms/contracts';

type ReplyBuilder = (now: number) => Record<string, unknown>;

const builders: Readonly<Record<string, ReplyBuilder>> = {
  // OCPP 1.6 §6.30 HeartbeatResponse: the Central System's current time.
  Heartbeat: (now) => ({ currentTime: new Date(now).toISOString() }),
  // §6.48 and §6.32: empty confirmations.
  StatusNotification: () => ({}),
  MeterValues: () => ({}),
};

/** The reply payload when the gateway answers this action itself, otherwise null. */
export function gatewayReply(action: string, now: number): Record<string, unknown> | null {
  if (!GATEWAY_ANSWERED_ACTIONS.has(action) || !Object.hasOwn(builders, action)) return null;
  return builders[action]!(now);
}
