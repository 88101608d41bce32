// Prometheus metrics of the certificate authority, in the processors' registry.
import { Counter, type Registry } from 'prom-client';
import { DEAD_LETTER_REASONS } from '@csms/contracts';
import { stageHistogram, type StageObserver } from '@csms/infra';

/**
 * The certificate authority's stages, in `csms_certificate_stage_seconds{stage}` (infra's
 * stage-timing.ts says why one family):
 *   transaction  a batch's Kafka transaction: its sends, sendOffsets and commit (one per batch)
 */
export type SignerStage = 'transaction';
export const SIGNER_STAGES = ['transaction'] as const satisfies readonly SignerStage[];

export interface SignerMetrics {
  readonly stages: Readonly<Record<SignerStage, StageObserver>>;
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
  // Labelled by the dead-letter reason, as the processors' own (runtime/metrics.ts), each from zero
  // so the alert's increase() sees the first.
  const deadLetters = new Counter({
    name: 'csms_certificate_dead_letters_total', help: 'csms.security records the certificate authority gave up on, by reason',
    labelNames: ['reason'], registers,
  });
  for (const reason of DEAD_LETTER_REASONS) deadLetters.inc({ reason }, 0);
  return {
    stages: stageHistogram({
      name: 'csms_certificate_stage_seconds', help: 'Time a csms.security record spends in each of the certificate authority\'s stages',
      stages: SIGNER_STAGES, registers,
    }),
    requests: new Counter({
      name: 'csms_certificate_requests_total', help: 'Station CSRs handled, by outcome: issued or the refusal reason',
      labelNames: ['outcome'], registers,
    }),
    deadLetters,
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
