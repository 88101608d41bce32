import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Transaction } from 'kafkajs';
import { createLogger } from '@csms/infra';
import { createPartitionProducers, type TransactionalProducer } from './partition-producers.ts';

interface FakeProducer extends TransactionalProducer {
  readonly transactionalId: string;
  /** Every call made on the producer and its transactions, in order. */
  readonly calls: string[];
}

/** A fake of the kafkajs producer at the I/O port; connect fails for the ids in `refuse`. */
function fakeKafka(refuse = new Set<string>()) {
  const created: FakeProducer[] = [];
  const createProducer = (transactionalId: string): FakeProducer => {
    const calls: string[] = [];
    const transaction: Transaction = {
      send: async () => [], sendBatch: async () => [], sendOffsets: async () => {}, isActive: () => true,
      commit: async () => { calls.push('commit'); },
      abort: async () => { calls.push('abort'); },
    };
    const producer: FakeProducer = {
      transactionalId, calls,
      connect: async () => {
        calls.push('connect');
        if (refuse.has(transactionalId)) throw new Error('broker unavailable');
      },
      disconnect: async () => { calls.push('disconnect'); },
      transaction: async () => { calls.push('transaction'); return transaction; },
    };
    created.push(producer);
    return producer;
  };
  return { created, createProducer };
}

const logger = createLogger('partition-producers-test', 'silent');

describe('partition producers', () => {
  it('creates one producer per partition, named after the partition, and fences before handing it out', async () => {
    const kafka = fakeKafka();
    const producers = createPartitionProducers({ transactionalIdPrefix: 't1.csms-processor', createProducer: kafka.createProducer, logger });
    const three = await producers.acquire(3);
    const seven = await producers.acquire(7);
    assert.deepEqual(kafka.created.map((p) => p.transactionalId), ['t1.csms-processor-p3', 't1.csms-processor-p7']);
    assert.equal(three, kafka.created[0]);
    assert.equal(seven, kafka.created[1]);
    // kafkajs initialises the transactional id at the first transaction(): an empty one, aborted.
    assert.deepEqual(kafka.created[0]?.calls, ['connect', 'transaction', 'abort']);
  });

  it('reuses the producer of a partition, also when asked again before it is ready', async () => {
    const kafka = fakeKafka();
    const producers = createPartitionProducers({ transactionalIdPrefix: 'csms-processor', createProducer: kafka.createProducer, logger });
    const [first, second] = await Promise.all([producers.acquire(5), producers.acquire(5)]);
    const third = await producers.acquire(5);
    assert.equal(kafka.created.length, 1);
    assert.equal(first, second);
    assert.equal(first, third);
    assert.equal(producers.has(5), true);
    assert.equal(producers.has(6), false);
  });

  it('disconnects the producers of revoked partitions and makes a new one when a partition comes back', async () => {
    const kafka = fakeKafka();
    const producers = createPartitionProducers({ transactionalIdPrefix: 'csms-processor', createProducer: kafka.createProducer, logger });
    await producers.acquire(1);
    await producers.acquire(2);
    await producers.retain([2, 4]);
    assert.deepEqual(kafka.created.map((p) => p.calls.at(-1)), ['disconnect', 'abort']);
    assert.equal(producers.has(1), false);
    assert.equal(producers.has(2), true);
    const again = await producers.acquire(1);
    assert.equal(kafka.created.length, 3);
    assert.equal(again, kafka.created[2]);
    assert.equal(kafka.created[2]?.transactionalId, 'csms-processor-p1');
  });

  it('discards a broken producer so the next acquire fences again with a new one', async () => {
    const kafka = fakeKafka();
    const producers = createPartitionProducers({ transactionalIdPrefix: 'csms-processor', createProducer: kafka.createProducer, logger });
    const broken = await producers.acquire(0);
    await producers.discard(0, broken);
    const fresh = await producers.acquire(0);
    assert.notEqual(fresh, broken);
    await producers.discard(0, broken);
    assert.equal(producers.has(0), true, 'a late discard of the old producer leaves the new one alone');
    assert.equal(kafka.created[0]?.calls.at(-1), 'disconnect');
    assert.deepEqual(kafka.created[1]?.calls, ['connect', 'transaction', 'abort']);
  });

  it('forgets a producer that could not be initialised', async () => {
    const kafka = fakeKafka(new Set(['csms-processor-p9']));
    const producers = createPartitionProducers({ transactionalIdPrefix: 'csms-processor', createProducer: kafka.createProducer, logger });
    await assert.rejects(producers.acquire(9), /broker unavailable/);
    await producers.close();
    assert.equal(producers.has(9), false);
    assert.deepEqual(kafka.created[0]?.calls, ['connect', 'disconnect']);
  });

  it('disconnects every producer on close', async () => {
    const kafka = fakeKafka();
    const producers = createPartitionProducers({ transactionalIdPrefix: 'csms-processor', createProducer: kafka.createProducer, logger });
    await Promise.all([0, 1, 2].map((p) => producers.acquire(p)));
    await producers.close();
    assert.deepEqual(kafka.created.map((p) => p.calls.filter((c) => c === 'disconnect').length), [1, 1, 1]);
    assert.equal([0, 1, 2].some((p) => producers.has(p)), false);
  });
});
