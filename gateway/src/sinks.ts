// What the gateway writes to Kafka, as the ports its handlers see: every record resolves
// once Kafka acknowledged it and rejects when it could not be written.
import type { InboundRecord, SecurityRecord } from '@csms/contracts';

export interface InboundSink {
  /** A record of ocpp.inbound, keyed by its chargePointId. */
  enqueue(record: InboundRecord): Promise<void>;
}

export interface SecuritySink {
  /** A record of csms.security (refused connections, replaced sockets), keyed by its chargePointId. */
  recordSecurity(record: SecurityRecord): Promise<void>;
}
