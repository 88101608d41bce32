// The CALLs the gateway answers itself, because their answer depends on no state, and the
// CALLRESULT it sends (only after Kafka acknowledged the CALL). Every other CALL is answered
// by a processor through ocpp.outbound; the record's repliedByGateway tells processors which.

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
  if (!Object.hasOwn(builders, action)) return null;
  return builders[action]!(now);
}
