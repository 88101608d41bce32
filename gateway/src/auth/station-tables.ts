// Follows csms.config.charge-points and csms.config.station-credentials into the gateway's
// station directory. Every gateway node reads both topics whole (they hold one small record per
// station); its own throwaway consumer groups, so nodes never share offsets.
import type { Kafka } from 'kafkajs';
import { topicName, type Serde } from '@csms/contracts';
import { followCompactedTable, type Logger } from '@csms/infra';
import { stationDirectory, type StationDirectory } from './station-directory.ts';

interface StationTablesOptions {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly node: number;
  readonly logger: Logger;
  /** A station's stored password changed or went: what was verified against the old one must go too. */
  readonly onCredentialChange: (chargePointId: string) => void;
}

export interface StationTables {
  readonly directory: StationDirectory;
  /** Resolves once both tables are caught up (the directory says ready from then on). */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

export async function followStationTables(options: StationTablesOptions): Promise<StationTables> {
  const { kafka, serde, topicPrefix, logger } = options;
  const groupIdPrefix = `${topicPrefix}csms-gateway-${options.node}-stations`;
  const [chargePoints, credentials] = await Promise.all([
    followCompactedTable({
      kafka, logger, groupIdPrefix, topic: topicName('chargePoints', topicPrefix), decode: (bytes) => serde.decode('chargePoints', bytes),
    }),
    followCompactedTable({
      kafka, logger, groupIdPrefix, topic: topicName('stationCredentials', topicPrefix),
      decode: (bytes) => serde.decode('stationCredentials', bytes),
      onChange: (chargePointId) => options.onCredentialChange(chargePointId),
    }),
  ]);
  let caughtUp = false;
  const ready = Promise.all([chargePoints.ready, credentials.ready]).then(() => {
    caughtUp = true;
  });
  return {
    directory: stationDirectory({ chargePoints: chargePoints.values, credentials: credentials.values, ready: () => caughtUp }),
    ready,
    stop: async () => { await Promise.all([chargePoints.stop(), credentials.stop()]); },
  };
}
