// Gateway settings from the environment, validated once at start-up; defaults run on one machine.
import { MAX_GATEWAY_NODES } from '@csms/contracts';
import { ConfigError, asInt, asString, inRange, type EnvReader } from '@csms/infra';
import { readSecurityConfig, type SecurityConfig } from './auth/auth-config.ts';
import { readEdgeConfig, type EdgeConfig } from './edge-config.ts';

export interface GatewayConfig {
  readonly host: string;
  readonly port: number;
  /** /health, /connections and /metrics for the operator, on CSMS_GATEWAY_HOST: never route stations to it. */
  readonly opsPort: number;
  /** Stable ordinal of this node (as in a StatefulSet): its partition of ocpp.outbound. */
  readonly node: number;
  /** Frames above this close the socket with 1009 (RFC 6455 §7.4.1 "message too big"). */
  readonly maxFrameBytes: number;
  readonly pingSeconds: number;
  /** Most inbound records in one produce request. */
  readonly maxBatchSize: number;
  /** Most bytes in one produce request: below the broker's message.max.bytes (1 MiB by default). */
  readonly maxBatchBytes: number;
  /** CSMS CALLs that may wait, per connection, behind the one awaiting its answer. */
  readonly callQueueSize: number;
  /**
   * How long a CSMS CALL may await its answer before it is recorded as undelivered (Timeout),
   * unless it carries its command's deadline: then it is awaited until that deadline.
   */
  readonly callTimeoutSeconds: number;
  /** Limits on what one station, or one address, may send and open. */
  readonly edge: EdgeConfig;
  /** Station authentication, the wss:// listener and the key of sealed secrets. */
  readonly security: SecurityConfig;
}

/** Throws one ConfigError naming every out-of-range setting (parse errors are reported by env.done()). */
export function readGatewayConfig(env: EnvReader): GatewayConfig {
  const maxBatchBytes = env.read('CSMS_GATEWAY_MAX_BATCH_BYTES', asInt, 512 * 1024);
  // A frame's record holds its raw text (capped) and, when processors act on it, its payload
  // re-serialised, which can grow to 4x the frame (1e15 is written 1000000000000000): an
  // eighth of a produce request each keeps every record well under the writer's byte cap.
  const recordShare = Math.floor(maxBatchBytes / 8);
  const edge = readEdgeConfig(env, recordShare);
  const securityProblems: string[] = [];
  const config: GatewayConfig = {
    host: env.read('CSMS_GATEWAY_HOST', asString, '0.0.0.0'),
    port: env.read('CSMS_GATEWAY_PORT', asInt, 4000),
    opsPort: env.read('CSMS_GATEWAY_OPS_PORT', asInt, 4005),
    node: env.read('CSMS_GATEWAY_NODE', asInt, 0),
    maxFrameBytes: env.read('CSMS_MAX_FRAME_BYTES', asInt, 65536),
    pingSeconds: env.read('CSMS_WS_PING_SECONDS', asInt, 30),
    maxBatchSize: env.read('CSMS_GATEWAY_MAX_BATCH', asInt, 500),
    maxBatchBytes,
    callQueueSize: env.read('CSMS_CALL_QUEUE_SIZE', asInt, 20),
    callTimeoutSeconds: env.read('CSMS_CALL_TIMEOUT_SECONDS', asInt, 30),
    edge: edge.config,
    security: readSecurityConfig(env, securityProblems),
  };
  const problems = [
    inRange('CSMS_GATEWAY_PORT', config.port, 0, 65535),
    inRange('CSMS_GATEWAY_OPS_PORT', config.opsPort, 0, 65535),
    inRange('CSMS_GATEWAY_NODE', config.node, 0, MAX_GATEWAY_NODES - 1),
    inRange('CSMS_GATEWAY_MAX_BATCH_BYTES', config.maxBatchBytes, 64 * 1024, 8 * 1024 * 1024),
    inRange('CSMS_MAX_FRAME_BYTES', config.maxFrameBytes, 1024, recordShare),
    inRange('CSMS_WS_PING_SECONDS', config.pingSeconds, 1, 3600),
    inRange('CSMS_GATEWAY_MAX_BATCH', config.maxBatchSize, 1, 10000),
    inRange('CSMS_CALL_QUEUE_SIZE', config.callQueueSize, 0, 1000),
    inRange('CSMS_CALL_TIMEOUT_SECONDS', config.callTimeoutSeconds, 1, 3600),
    ...edge.problems,
    ...securityProblems,
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) throw new ConfigError(`invalid gateway configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
