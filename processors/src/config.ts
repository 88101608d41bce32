// The processor's configuration, read once from the environment at start-up.
import { ConfigError, asInt, asList, asOneOf, asString, inRange, readPlatformConfig, type EnvReader, type PlatformConfig } from '@csms/infra';
import { readCertificateAuthorityConfig, type CertificateAuthorityConfig } from './certificates/config.ts';
import { defaultSettings, type ProcessorSettings } from './deciders/context.ts';

export interface ProcessorConfig {
  readonly platform: PlatformConfig;
  /**
   * Names the instance in logs and in its Kafka client id. Transactional ids are per inbound
   * partition, so it need not be stable or unique for exactly-once processing.
   */
  readonly instanceId: string;
  readonly metricsPort: number;
  /** A batch running longer than this (snapshot loading included) means the process is stuck. */
  readonly stallSeconds: number;
  readonly settings: ProcessorSettings;
  /** Crash tests only (runtime/hold-before-commit.ts): the file a held batch writes. */
  readonly holdBeforeCommitFile: string | null;
  /** Signs station CSRs when set (certificates/signer.ts). */
  readonly certificateAuthority: CertificateAuthorityConfig | null;
}

const HOLD_BEFORE_COMMIT = 'CSMS_PROCESSOR_HOLD_BEFORE_COMMIT';

/** The crash-test failpoint; a production process that honoured it would stop every partition at its first batch. */
function readHoldBeforeCommit(env: EnvReader): string | null {
  const file = env.read(HOLD_BEFORE_COMMIT, asString, '') || null;
  if (file !== null && env.read('NODE_ENV', asString, '') === 'production') {
    env.reject(HOLD_BEFORE_COMMIT, 'a crash-test failpoint, refused when NODE_ENV=production');
  }
  return file;
}

type BillingSettings = Pick<ProcessorSettings, 'billingCostIntervalSeconds' | 'billingStaleSessionHours' | 'billingMaxClockSkewMs'>;

/**
 * Billing's settings; their range problems are appended to `problems`: a cost interval of 0 would
 * price every sample (a pricing per MeterValues), a stale age of 0 would flag every session at its
 * first record.
 */
function readBillingSettings(env: EnvReader, problems: string[]): BillingSettings {
  const interval = env.read('CSMS_BILLING_COST_INTERVAL_SECONDS', asInt, defaultSettings.billingCostIntervalSeconds);
  const staleHours = env.read('CSMS_BILLING_STALE_SESSION_HOURS', asInt, defaultSettings.billingStaleSessionHours);
  const skewSeconds = env.read('CSMS_BILLING_MAX_CLOCK_SKEW_SECONDS', asInt, defaultSettings.billingMaxClockSkewMs / 1000);
  problems.push(...[
    inRange('CSMS_BILLING_COST_INTERVAL_SECONDS', interval, 1, 86_400),
    inRange('CSMS_BILLING_STALE_SESSION_HOURS', staleHours, 1, 8_760),
    inRange('CSMS_BILLING_MAX_CLOCK_SKEW_SECONDS', skewSeconds, 0, 86_400),
  ].filter((p): p is string => p !== null));
  return { billingCostIntervalSeconds: interval, billingStaleSessionHours: staleHours, billingMaxClockSkewMs: skewSeconds * 1000 };
}

/** Throws a ConfigError naming every variable that failed to parse, else one naming every out-of-range setting. */
export function readProcessorConfig(env: EnvReader): ProcessorConfig {
  const rangeProblems: string[] = [];
  const certificateAuthority = readCertificateAuthorityConfig(env);
  const config: ProcessorConfig = {
    platform: readPlatformConfig(env),
    instanceId: env.read('CSMS_PROCESSOR_INSTANCE', asString, '0'),
    metricsPort: env.read('CSMS_PROCESSOR_METRICS_PORT', asInt, 4002),
    // Generous: a batch that first loads a large fleet's snapshots legitimately takes a while.
    stallSeconds: env.read('CSMS_PROCESSOR_STALL_SECONDS', asInt, 300),
    settings: {
      unknownStationPolicy: env.read(
        'CSMS_UNKNOWN_STATION_POLICY', asOneOf('accept', 'pending', 'reject'), defaultSettings.unknownStationPolicy,
      ),
      heartbeatIntervalSeconds: env.read('CSMS_HEARTBEAT_INTERVAL', asInt, defaultSettings.heartbeatIntervalSeconds),
      dataTransferVendorIds: new Set(env.read('CSMS_DATA_TRANSFER_VENDORS', asList, [])),
      // SignCertificate is answered Accepted only when a CA will sign what it asks for.
      certificateSigning: certificateAuthority !== null,
      ...readBillingSettings(env, rangeProblems),
    },
    certificateAuthority,
    holdBeforeCommitFile: readHoldBeforeCommit(env),
  };
  env.done();
  if (rangeProblems.length > 0) throw new ConfigError(`invalid processor configuration:\n  ${rangeProblems.join('\n  ')}`);
  return config;
}
