// Prometheus counters of the certificate authority, in the processors' registry.
import { Counter, type Registry } from 'prom-client';

export interface SignerMetrics {
  /** By outcome: issued, or the refusal's reason. */
  readonly requests: Counter<'outcome'>;
  readonly deadLetters: Counter<'reason'>;
  readonly recordFailures: Counter<'reason'>;
  readonly batchesCommitted: Counter;
  readonly batchesAborted: Counter;
  readonly partitionsLost: Counter<'reason'>;
}

export function createSignerMetrics(registry: Registry): SignerMetrics {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'csms_certificate_requests_total', help: 'Station CSRs handled, by outcome: issued or the refusal reason',
      labelNames: ['outcome'], registers,
    }),
    // Labelled by the dead-letter reason, as the processors' own (runtime/metrics.ts).
    deadLetters: new Counter({
      name: 'csms_certificate_dead_letters_total', help: 'csms.security records the certificate authority gave up on, by reason',
      labelNames: ['reason'], registers,
    }),
    recordFailures: new Counter({
      name: 'csms_certificate_record_failures_total',
      help: 'Failed attempts at a csms.security record, by reason (transient failures are retried and not counted)',
      labelNames: ['reason'], registers,
    }),
    batchesCommitted: new Counter({ name: 'csms_certificate_batches_committed_total', help: 'Committed batches', registers }),
    batchesAborted: new Counter({ name: 'csms_certificate_batches_aborted_total', help: 'Aborted batches', registers }),
    partitionsLost: new Counter({
      name: 'csms_certificate_partitions_lost_total',
      help: 'csms.security partitions whose producer was fenced or left a transaction in doubt, by reason',
      labelNames: ['reason'], registers,
    }),
  };
}
