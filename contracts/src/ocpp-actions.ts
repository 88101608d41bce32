// Which OCPP 1.6 CALLs the gateway may answer on its own. Their reply depends on no
// state, so the gateway sends it as soon as Kafka has acknowledged the frame; every
// other CALL is answered by a processor through ocpp.outbound.
export const GATEWAY_ANSWERED_ACTIONS: ReadonlySet<string> = new Set(['Heartbeat', 'StatusNotification', 'MeterValues']);
