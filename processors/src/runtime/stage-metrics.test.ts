// Each of the processors' stage timings is observed by the batch handler's path: counts only,
// never durations (a timed assertion would fail on a busy machine). Kafka is faked at the
// producer port, the partition store in memory, the registry in memory.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Batch, EachBatchPayload, Transaction } from 'kafkajs';
import type { Histogram } from 'prom-client';
import { createSerdeOver, inMemorySchemaRegistry, type InboundFrame, type Serde } from '@csms/contracts';
import { createLogger } from '@csms/infra';
import { AT, idTag, idTagTable, settings } from '../deciders/fixtures.ts';
import { emptyPartitionMemory, type PartitionMemory } from '../partition-memory.ts';
import { createBatchHandler } from './batch-handler.ts';
import { createProcessorMetrics, type ProcessorMetrics, type ProcessorStage } from './metrics.ts';
import { createPartitionProducers, type TransactionalProducer } from './partition-producers.ts';
import { createPartitionStore } from './partition-store.ts';

let serde: Serde;
before(async () => { serde = await createSerdeOver(inMemorySchemaRegistry(), ''); });

const heartbeat = (messageId: string): InboundFrame => ({
  type: 'Frame', chargePointId: 'CP001', node: 1, connectionId: 'c1', at: AT, protocol: 'ocpp1.6',
  raw: `[2,"${messageId}","Heartbeat",{}]`, messageTypeId: 2, messageId, action: 'Heartbeat',
  payload: '{}', rejection: null, repliedByGateway: true, rawTruncated: null,
});

function handlerOver(metrics: ProcessorMetrics) {
  const transaction: Transaction = {
    send: async () => [], sendBatch: async () => [], sendOffsets: async () => {}, commit: async () => {}, abort: async () => {},
    isActive: () => true,
  };
  const logger = createLogger('stage-metrics-test', 'silent');
  const producers = createPartitionProducers({
    transactionalIdPrefix: 'csms-processor', logger,
    createProducer: (): TransactionalProducer => ({ connect: async () => {}, transaction: async () => transaction, disconnect: async () => {} }),
  });
  const store = createPartitionStore(async (partitions) =>
    new Map([...partitions].map((p): [number, PartitionMemory] => [p, emptyPartitionMemory()])));
  store.reassign([0]);
  const tables = { idTags: idTagTable(idTag('T1')), chargePoints: new Map(), tariffs: new Map(), tariffAssignments: new Map() };
  return createBatchHandler({
    serde, topicPrefix: '', consumerGroupId: 'g', producers, store, tables, settings: settings(), logger, metrics, maxAttempts: 3,
    clock: () => 1_700_000_000_050,
  });
}

async function stageCount(metrics: ProcessorMetrics, stage: ProcessorStage): Promise<number> {
  const histogram = metrics.registry.getSingleMetric('csms_processor_stage_seconds') as Histogram | undefined;
  assert.ok(histogram, 'the stage histogram is registered');
  const values = (await histogram.get()).values;
  return values.find((v) => v.metricName?.endsWith('_count') && v.labels.stage === stage)?.value ?? 0;
}

describe('processor stage timings', () => {
  it('times each record\'s fetch wait and decide, and the batch\'s one transaction and its commit', async () => {
    const metrics = createProcessorMetrics({ defaultMetrics: false });
    const handle = handlerOver(metrics);
    const histogram = metrics.registry.getSingleMetric('csms_processor_stage_seconds') as Histogram;
    const zeroed = (await histogram.get()).values.filter((v) => v.metricName?.endsWith('_count')).map((v) => [v.labels.stage, v.value]);
    assert.deepEqual(zeroed, [['fetch_wait', 0], ['decide', 0], ['transaction', 0], ['commit', 0]], 'every stage is scraped before its first batch');
    const messages = await Promise.all(['h1', 'h2'].map(async (id, i) => ({
      key: Buffer.from('CP001'), value: await serde.encode('inbound', heartbeat(id)), timestamp: '1700000000000',
      offset: String(i), attributes: 0, headers: {},
    })));
    const batch = { topic: 'ocpp.inbound', partition: 0, messages } as unknown as Batch;
    const payload = { batch, resolveOffset: () => {}, heartbeat: async () => {} } as unknown as EachBatchPayload;
    await handle(payload);
    assert.deepEqual(
      [
        await stageCount(metrics, 'fetch_wait'), await stageCount(metrics, 'decide'), await stageCount(metrics, 'transaction'),
        await stageCount(metrics, 'commit'),
      ],
      [2, 2, 1, 1],
    );
  });
});
