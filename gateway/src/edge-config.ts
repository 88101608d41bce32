// The gateway's limits at its edge, from the environment (read with the rest of its config
// in config.ts). Defaults let a site with many chargers behind one NAT connect, and the
// benchmark's 200 stations from one address (it retries a 429 as chargers do).
import { asInt, inRange, type EnvReader } from '@csms/infra';
import type { CallRateSettings } from './call-rate-limit.ts';
import type { IpLimitSettings } from './ip-limiter.ts';

export interface EdgeConfig {
  /** Bytes of a frame's text kept in its ocpp.inbound record; beyond it, its length and SHA-256. */
  readonly inboundRawMaxBytes: number;
  readonly callRate: CallRateSettings;
  /** Frames of one socket awaiting Kafka's acknowledgement before the socket stops being read. */
  readonly maxPendingFrames: number;
  readonly perIp: IpLimitSettings;
  /** An HTTP request or upgrade whose headers have not all arrived by then is closed. */
  readonly handshakeTimeoutSeconds: number;
}

/**
 * The settings and the problems with them. `maxRecordShare` is the most bytes of a produce
 * request one part of a record may take (see config.ts), the bound of the raw text.
 */
export function readEdgeConfig(env: EnvReader, maxRecordShare: number): { config: EdgeConfig; problems: string[] } {
  const config: EdgeConfig = {
    inboundRawMaxBytes: env.read('CSMS_INBOUND_RAW_MAX_BYTES', asInt, 4096),
    callRate: {
      ratePerSecond: env.read('CSMS_CALL_RATE_PER_SECOND', asInt, 20),
      burst: env.read('CSMS_CALL_BURST', asInt, 50),
      refusalsBeforeClose: env.read('CSMS_CALL_REFUSALS_BEFORE_CLOSE', asInt, 50),
    },
    maxPendingFrames: env.read('CSMS_INBOUND_PENDING_FRAMES', asInt, 32),
    perIp: {
      maxConnections: env.read('CSMS_IP_MAX_CONNECTIONS', asInt, 1000),
      connectsPerSecond: env.read('CSMS_IP_CONNECTS_PER_SECOND', asInt, 50),
      connectBurst: env.read('CSMS_IP_CONNECT_BURST', asInt, 100),
    },
    handshakeTimeoutSeconds: env.read('CSMS_HANDSHAKE_TIMEOUT_SECONDS', asInt, 10),
  };
  const problems = [
    inRange('CSMS_INBOUND_RAW_MAX_BYTES', config.inboundRawMaxBytes, 256, maxRecordShare),
    inRange('CSMS_CALL_RATE_PER_SECOND', config.callRate.ratePerSecond, 1, 10_000),
    inRange('CSMS_CALL_BURST', config.callRate.burst, 1, 100_000),
    inRange('CSMS_CALL_REFUSALS_BEFORE_CLOSE', config.callRate.refusalsBeforeClose, 1, 100_000),
    inRange('CSMS_INBOUND_PENDING_FRAMES', config.maxPendingFrames, 1, 10_000),
    inRange('CSMS_IP_MAX_CONNECTIONS', config.perIp.maxConnections, 1, 1_000_000),
    inRange('CSMS_IP_CONNECTS_PER_SECOND', config.perIp.connectsPerSecond, 1, 100_000),
    inRange('CSMS_IP_CONNECT_BURST', config.perIp.connectBurst, 1, 1_000_000),
    inRange('CSMS_HANDSHAKE_TIMEOUT_SECONDS', config.handshakeTimeoutSeconds, 1, 300),
  ].filter((p): p is string => p !== null);
  return { config, problems };
}
