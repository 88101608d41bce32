// The processor's configuration, read once from the environment at start-up.
import { asInt, asList, asOneOf, asString, readPlatformConfig, type EnvReader, type PlatformConfig } from '@csms/infra';
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
  /** Signs station CSRs when set (certificates/signer.ts). */
  readonly certificateAuthority: CertificateAuthorityConfig | null;
}

export function readProcessorConfig(env: EnvReader): ProcessorConfig {
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
    },
    certificateAuthority: readCertificateAuthorityConfig(env),
  };
  env.done();
  return config;
}
