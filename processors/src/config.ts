// The processor's configuration, read once from the environment at start-up.
import {
  asInt, asList, asOneOf, asString, ConfigError, readPlatformConfig, type EnvReader, type PlatformConfig,
} from '@csms/infra';
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
}

export function readProcessorConfig(env: EnvReader): ProcessorConfig {
  // The signer reads the station CA's certificate and key; the processors only need to know
  // whether both are there, to answer SignCertificate.
  const caCert = env.read('CSMS_STATION_CA_CERT', asString, '');
  const caKey = env.read('CSMS_STATION_CA_KEY', asString, '');
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
      certificateSigning: caCert !== '' && caKey !== '',
    },
  };
  env.done();
  // One without the other is a mistake worth stopping for, not a CA quietly switched off.
  if ((caCert === '') !== (caKey === '')) {
    throw new ConfigError('invalid configuration:\n  CSMS_STATION_CA_CERT, CSMS_STATION_CA_KEY: set both, or neither');
  }
  return config;
}
