// The gateway's metrics about abuse at its edge: refused upgrades, rate-limited frames,
// sockets closed by policy, sockets paused for back-pressure.
import { Counter, type Registry } from 'prom-client';

export interface EdgeMetrics {
  /** Upgrades refused before the WebSocket handshake, by reason (bounded: error codes). */
  readonly upgradesRefused: Counter<'reason'>;
  readonly framesRateLimited: Counter;
  /** Sockets the gateway closed for what the station did: 'rate-limit' (1008), 'binary-frame' (1003). */
  readonly socketsClosedByPolicy: Counter<'reason'>;
  /** Times a socket stopped being read because too many of its frames awaited Kafka. */
  readonly inboundPaused: Counter;
}

export function edgeMetrics(registers: Registry[]): EdgeMetrics {
  return {
    upgradesRefused: new Counter({
      name: 'csms_gateway_upgrades_refused_total', help: 'WebSocket upgrades refused with an HTTP status, by reason',
      labelNames: ['reason'], registers,
    }),
    framesRateLimited: new Counter({
      name: 'csms_gateway_frames_rate_limited_total', help: 'Frames refused for exceeding their connection\'s rate limit', registers,
    }),
    socketsClosedByPolicy: new Counter({
      name: 'csms_gateway_sockets_closed_by_policy_total', help: 'Sockets closed for what the station sent, by reason',
      labelNames: ['reason'], registers,
    }),
    inboundPaused: new Counter({
      name: 'csms_gateway_inbound_paused_total', help: 'Sockets paused while too many of their frames awaited Kafka', registers,
    }),
  };
}
