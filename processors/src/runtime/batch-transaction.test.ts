import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Transaction } from 'kafkajs';
import type { Histogram } from 'prom-client';
import type { Serde } from '@csms/contracts';
import { createLogger } from '@csms/infra';
import { createOverlay, emptyPartitionMemory, writeState, type PartitionMemory, type SourceTopic } from '../partition-memory.ts';
import { createBatchCommitter } from './batch-transaction.ts';
import { createProcessorMetrics } from './metrics.ts';
import { PartitionLostError } from './partition-lost.ts';
import { createPartitionProducers, type TransactionalProducer } from './partition-producers.ts';
import { createPartitionStore } from './partition-store.ts';

type Step = 'sendBatch' | 'sendOffsets' | 'commit' | 'abort';

/** The broker's answer to a fenced producer, as kafkajs 2.2.4 reports it (wrapped by its retrier). */
function fencedError(): Error {
  const protocol = Object.assign(new Error('old epoch'), { name: 'KafkaJSProtocolError', type: 'INVALID_PRODUCER_EPOCH' });
  return Object.assign(new Error('old epoch', { cause: protocol }), { name: 'KafkaJSNonRetriableError', retriable: false });
}

/** Fakes at the two I/O ports: the kafkajs producers (failing the given steps once armed) and the serde. */
function setUp(failures: Partial<Record<Step, Error>> = {}) {
  const calls: string[] = [];
  let armed = false;
  const step = async (name: Step): Promise<void> => {
    if (!armed) return;
    calls.push(name);
    const failure = failures[name];
    if (failure !== undefined) throw failure;
  };
  const transaction: Transaction = {
    send: async () => [], isActive: () => true,
    sendBatch: async (batch) => { await step('sendBatch'); calls.push(...(batch.topicMessages ?? []).map((t) => `  ${t.topic}`)); return []; },
    sendOffsets: async (offsets) => { await step('sendOffsets'); calls.push(`  offset ${offsets.topics[0]?.topic} ${offsets.topics[0]?.partitions[0]?.offset}`); },
    commit: () => step('commit'),
    abort: () => step('abort'),
  };
  const createProducer = (): TransactionalProducer => ({
    connect: async () => {}, transaction: async () => transaction,
    disconnect: async () => { calls.push('disconnect'); },
  });
  const logger = createLogger('batch-transaction-test', 'silent');
  const producers = createPartitionProducers({ transactionalIdPrefix: 'csms-processor', createProducer, logger });
  const loads: number[] = [];
  const store = createPartitionStore(async (partitions) => {
    loads.push(...partitions);
    return new Map([...partitions].map((p): [number, PartitionMemory] => [p, emptyPartitionMemory()]));
  });
  const encoded: string[] = [];
  const serde: Serde = {
    encode: async (topic, value) => { encoded.push(topic); return Buffer.from(JSON.stringify(value)); },
    decode: async () => { throw new Error('unused'); },
  };
  const metrics = createProcessorMetrics({ defaultMetrics: false });
  const commit = createBatchCommitter({ serde, topicPrefix: '', consumerGroupId: 'g', producers, store, logger, metrics });
  return { calls, encoded, producers, store, loads, metrics, commit, arm: () => { armed = true; } };
}

/** Runs one batch of partition 2 whose only change is the offset: 41 becomes the next. */
async function commitOneBatch(setup: ReturnType<typeof setUp>, source: SourceTopic = 'inbound'): Promise<void> {
  setup.store.reassign([2]);
  const memory = await setup.store.ensureLoaded(2, async () => {});
  const producer = await setup.producers.acquire(2);
  setup.arm();
  const overlay = createOverlay(memory);
  overlay.nextOffsets[source] = 41n;
  await setup.commit({ producer, partition: 2, source, overlay, messages: [], snapshots: [] });
}

async function lost(setup: ReturnType<typeof setUp>, reason: string): Promise<number> {
  return (await setup.metrics.partitionsLost.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
}

/** How many transactions the stage timed: counts, never durations. */
async function timed(setup: ReturnType<typeof setUp>, stage: 'transaction' | 'commit'): Promise<number> {
  const histogram = setup.metrics.registry.getSingleMetric('csms_processor_stage_seconds') as Histogram;
  return (await histogram.get()).values.find((v) => v.metricName?.endsWith('_count') && v.labels.stage === stage)?.value ?? 0;
}

describe('batch transaction', () => {
  it('writes the outputs with the snapshot of the next offset, and that offset for the group', async () => {
    const setup = setUp();
    await commitOneBatch(setup);
    assert.deepEqual(setup.calls, ['sendBatch', '  csms.processor.snapshots', 'sendOffsets', '  offset ocpp.inbound 41', 'commit']);
  });

  it('writes the states\' snapshots as their records encoded them, encoding only the partition\'s own records', async () => {
    const setup = setUp();
    setup.store.reassign([2]);
    const memory = await setup.store.ensureLoaded(2, async () => {});
    const producer = await setup.producers.acquire(2);
    setup.arm();
    const overlay = createOverlay(memory);
    writeState(overlay, 'station', 'CP001', { status: 'Offline', registrationStatus: null });
    overlay.nextOffsets.inbound = 41n;
    const snapshot = { topic: 'snapshots', key: 'station:CP001', value: Buffer.from('encoded by the record'), partition: 2 } as const;
    await setup.commit({ producer, partition: 2, source: 'inbound', overlay, messages: [], snapshots: [snapshot] });
    assert.deepEqual(setup.encoded, ['snapshots'], 'one record: the next offset');
    assert.deepEqual(setup.calls, ['sendBatch', '  csms.processor.snapshots', 'sendOffsets', '  offset ocpp.inbound 41', 'commit']);
  });

  it('commits a command-request batch\'s offset on its own topic, with the same partition producer', async () => {
    const setup = setUp();
    await commitOneBatch(setup, 'commandRequests');
    assert.deepEqual(setup.calls, ['sendBatch', '  csms.processor.snapshots', 'sendOffsets', '  offset csms.command-requests 41', 'commit']);
  });

  it('gives a fenced partition up without aborting: producer and memory dropped, kafkajs told to retry', async () => {
    const setup = setUp({ commit: fencedError() });
    await assert.rejects(commitOneBatch(setup), (error: unknown) => {
      assert.ok(error instanceof PartitionLostError);
      assert.equal(error.reason, 'fenced');
      assert.equal(error.retriable, true);
      return true;
    });
    assert.equal(setup.calls.includes('abort'), false);
    assert.equal(setup.calls.at(-1), 'disconnect');
    assert.equal(setup.producers.has(2), false);
    assert.equal(await lost(setup, 'fenced'), 1);
    await setup.store.ensureLoaded(2, async () => {});
    assert.deepEqual(setup.loads, [2, 2], 'the memory is reloaded before the next batch');
  });

  it('aborts any other failure and replaces its producer, whose fencing makes the memory reload', async () => {
    const failure = new Error('request timed out');
    const setup = setUp({ sendOffsets: failure });
    await assert.rejects(commitOneBatch(setup), (error: unknown) => error === failure);
    assert.deepEqual(setup.calls, ['sendBatch', '  csms.processor.snapshots', 'sendOffsets', 'abort', 'disconnect']);
    assert.equal(setup.producers.has(2), false, 'the next batch fences with a fresh producer');
    await setup.store.ensureLoaded(2, async () => {});
    // The fresh producer may fence an owner that took the partition over and committed since.
    assert.deepEqual(setup.loads, [2, 2], 'the memory is reloaded before the next batch');
  });

  it('gives the partition up when the failed transaction cannot be aborted: whether it committed is unknown', async () => {
    const setup = setUp({ commit: new Error('connection lost'), abort: new Error('Invalid state COMMITTING') });
    await assert.rejects(commitOneBatch(setup), (error: unknown) => error instanceof PartitionLostError && error.reason === 'in-doubt');
    assert.equal(setup.producers.has(2), false);
    assert.equal(await lost(setup, 'in-doubt'), 1);
  });

  it('times the commit alone beside the whole transaction, and neither when the commit fails', async () => {
    const committed = setUp();
    await commitOneBatch(committed);
    assert.deepEqual([await timed(committed, 'transaction'), await timed(committed, 'commit')], [1, 1]);
    const failed = setUp({ commit: new Error('request timed out') });
    await assert.rejects(commitOneBatch(failed));
    assert.deepEqual([await timed(failed, 'transaction'), await timed(failed, 'commit')], [0, 0], 'an aborted transaction is the retry\'s story');
  });
});
