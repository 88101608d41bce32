// The projections' stage timings: the live consumer reports each batch's transaction time, and
// the observer turns it into one batch and one share per record. Counts only, never durations
// (a timed assertion would fail on a busy machine). PostgreSQL and Kafka are faked at their ports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import type pg from 'pg';
import type { Pool, PoolClient } from '@csms/infra';
import { createLogger } from '@csms/infra';
import type { Projection } from '../projection.ts';
import { handleBatch } from './live-consumer.ts';
import { batchObserver, createProjectionMetrics, type BatchOutcome, type ProjectionMetrics } from './projection-metrics.ts';

async function countOf(metrics: ProjectionMetrics, stage: string): Promise<{ count: number; sum: number }> {
  const values = (await metrics.stageSeconds.get()).values.filter((v) => v.labels.projection === 'id-tags' && v.labels.stage === stage);
  const of = (suffix: string) => values.find((v) => v.metricName?.endsWith(suffix))?.value ?? 0;
  return { count: of('_count'), sum: of('_sum') };
}

/** A pool whose one client answers every statement with no rows: no stored offset, nothing locked. */
function fakePool(): Pool {
  const query = async () => ({ rows: [], rowCount: 0, command: '', oid: 0, fields: [] }) as pg.QueryResult;
  const client = { query, release: () => {} };
  return { query, connect: async () => client as unknown as PoolClient } as unknown as Pool;
}

describe('projection stage timings', () => {
  it('observes a batch once and each of its records once, sharing the transaction\'s time out', async () => {
    const metrics = createProjectionMetrics({ defaultMetrics: false });
    batchObserver(metrics, 'id-tags')({ applied: 3, deadLettered: ['DECODE_FAILED'], seconds: 0.008 });
    assert.deepEqual(await countOf(metrics, 'write_batch'), { count: 1, sum: 0.008 });
    assert.deepEqual(await countOf(metrics, 'write_record'), { count: 4, sum: 0.008 });
  });

  it('gives a batch that wrote nothing no per-record share', async () => {
    const metrics = createProjectionMetrics({ defaultMetrics: false });
    batchObserver(metrics, 'id-tags')({ applied: 0, deadLettered: [], seconds: 0.002 });
    assert.equal((await countOf(metrics, 'write_record')).count, 0);
    assert.equal((await countOf(metrics, 'write_batch')).count, 1);
  });

  it('reports each committed batch with its transaction\'s time', async () => {
    const outcomes: BatchOutcome[] = [];
    const projection: Projection = { name: 'id-tags', topics: ['idTags'], reset: async () => undefined, apply: async () => undefined };
    const context = {
      kafka: {} as never, pool: fakePool(), serde: { decode: async () => { throw new Error('unused'); } }, topicPrefix: '', projection,
      logger: createLogger('projection-metrics-test', 'silent'), deadLetters: { write: async () => {} }, maxAttempts: 3,
      onBatch: (outcome: BatchOutcome) => { outcomes.push(outcome); },
      consumer: {} as Consumer, logical: new Map([['csms.config.id-tags', 'idTags' as const]]), positioned: new Set<string>(),
    };
    // Tombstones of the id-tags topic decode without the serde.
    const messages = [0, 1].map((offset) => ({ offset: String(offset), key: Buffer.from('A'), value: null, timestamp: '0', attributes: 0, headers: {} }));
    const batch = { topic: 'csms.config.id-tags', partition: 0, messages, firstOffset: () => '0', lastOffset: () => '1' };
    const payload = {
      batch, isStale: () => false, resolveOffset: () => {}, commitOffsetsIfNecessary: async () => {}, heartbeat: async () => {},
    } as unknown as EachBatchPayload;
    await handleBatch(context, payload);
    assert.equal(outcomes.length, 1);
    assert.deepEqual([outcomes[0]!.applied, outcomes[0]!.deadLettered], [2, []]);
    assert.ok(outcomes[0]!.seconds >= 0);
  });
});
