// Prometheus metrics of one processor, in their own registry so several runtimes can live
// in one process (tests).
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DEAD_LETTER_REASONS } from '@csms/contracts';
import { consumerMetrics, stageHistogram, type ConsumerMetrics, type StageObserver } from '@csms/infra';

/**
 * The processors' stages of a message, in `csms_processor_stage_seconds{stage}` (infra's
 * stage-timing.ts says why one family). csms_processor_batch_seconds stays what it was: a
 * whole batch, fencing and snapshot loading included, which is no one message's stage.
 *   fetch_wait   a source record's Kafka timestamp to its turn here: the gateway's produce
 *                acknowledgement after the stamp, the fetch, and the batches ahead of it
 *   decide       one record's fold and decide (processRecord), without its Avro decode and encode
 *   transaction  a batch's Kafka transaction: its sends, sendOffsets and commit (one per batch)
 *   commit       the transaction's commit() alone, within `transaction`: the coordinator's two-phase
 *                commit, which no tuning of the sends shortens (one per batch)
 */
export type ProcessorStage = 'fetch_wait' | 'decide' | 'transaction' | 'commit';
export const PROCESSOR_STAGES = ['fetch_wait', 'decide', 'transaction', 'commit'] as const satisfies readonly ProcessorStage[];

export interface ProcessorMetrics extends ConsumerMetrics {
  readonly registry: Registry;
  readonly stages: Readonly<Record<ProcessorStage, StageObserver>>;
  readonly recordsProcessed: Counter<'type'>;
  readonly deadLetters: Counter<'reason'>;
  readonly recordFailures: Counter<'reason'>;
  readonly batchesCommitted: Counter;
  readonly batchesAborted: Counter;
  readonly batchSeconds: Histogram;
  readonly recordsSkipped: Counter;
  readonly partitionsLost: Counter<'reason'>;
  readonly answersIgnored: Counter;
  readonly configRecordsSkipped: Counter<'topic'>;
  readonly billingSessionsUnpriced: Counter;
  readonly commandsCompleted: Counter<'action' | 'outcome'>;
}

export function createProcessorMetrics(options: { defaultMetrics: boolean }): ProcessorMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const deadLetters = new Counter({
    name: 'csms_processor_dead_letters_total', help: 'Source records sent to the dead-letter topic, by reason',
    labelNames: ['reason'], registers,
  });
  // Every reason from zero, so the alert's increase() sees a process's first dead letter.
  for (const reason of DEAD_LETTER_REASONS) deadLetters.inc({ reason }, 0);
  return {
    registry,
    stages: stageHistogram({
      name: 'csms_processor_stage_seconds', help: 'Time a message spends in each of the processors\' stages', stages: PROCESSOR_STAGES, registers,
    }),
    recordsProcessed: new Counter({
      name: 'csms_processor_records_total', help: 'Source records processed (ocpp.inbound, csms.command-requests), by record type',
      labelNames: ['type'], registers,
    }),
    deadLetters,
    recordFailures: new Counter({
      name: 'csms_processor_record_failures_total',
      help: 'Failed attempts at a source record, by reason (transient failures are retried and not counted)',
      labelNames: ['reason'], registers,
    }),
    batchesCommitted: new Counter({ name: 'csms_processor_batches_committed_total', help: 'Committed batches', registers }),
    batchesAborted: new Counter({ name: 'csms_processor_batches_aborted_total', help: 'Aborted batches', registers }),
    batchSeconds: new Histogram({
      name: 'csms_processor_batch_seconds', help: 'From batch start to transaction commit',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers,
    }),
    recordsSkipped: new Counter({
      name: 'csms_processor_records_skipped_total',
      help: 'Re-delivered inbound records skipped because a committed transaction already handled them', registers,
    }),
    partitionsLost: new Counter({
      name: 'csms_processor_partitions_lost_total',
      help: 'Inbound partitions whose producer was fenced or left a transaction in doubt, by reason',
      labelNames: ['reason'], registers,
    }),
    answersIgnored: new Counter({
      name: 'csms_processor_answers_ignored_total',
      help: 'CALLRESULTs / CALLERRORs matching no pending command: late (already timed out) or unknown', registers,
    }),
    configRecordsSkipped: new Counter({
      name: 'csms_processor_config_records_skipped_total',
      help: 'Records of the configuration tables (id tags, charge points, tariffs, tariff assignments) skipped because their value cannot be decoded, by topic',
      labelNames: ['topic'], registers,
    }),
    billingSessionsUnpriced: new Counter({
      name: 'csms_processor_billing_sessions_unpriced_total',
      help: 'Sessions that stopped under a tariff that cannot price them (record missing, no versions, versions in mixed currencies): no CDR was issued', registers,
    }),
    commandsCompleted: new Counter({
      name: 'csms_processor_commands_completed_total',
      help: 'Remote commands completed, by OCPP action and outcome (Accepted, Rejected, TimedOut, NotConnected, Failed, …), counted once committed',
      labelNames: ['action', 'outcome'], registers,
    }),
    ...consumerMetrics('processor', 'Records of ocpp.inbound and csms.command-requests not yet committed by the processors', registers),
  };
}
