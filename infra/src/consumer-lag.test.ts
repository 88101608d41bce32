import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Gauge, Registry } from 'prom-client';
import { groupOffsets, lagOf, sampleConsumerLag } from './consumer-lag.ts';

const silent = { debug: () => undefined };

describe('lagOf', () => {
  it('counts from the next offset to the end, and from the log start when nothing was committed or it was deleted', () => {
    assert.equal(lagOf(100n, 0n, 40n), 60n);
    assert.equal(lagOf(100n, 10n, undefined), 90n);
    assert.equal(lagOf(100n, 50n, 20n), 50n);
    assert.equal(lagOf(100n, 0n, 100n), 0n);
    assert.equal(lagOf(100n, 0n, 120n), 0n);
  });
});

describe('sampleConsumerLag', () => {
  it('sets a series for each held partition, and drops the partitions given up since', async () => {
    const registry = new Registry();
    const gauge = new Gauge({ name: 'lag', help: 'lag', labelNames: ['topic', 'partition'] as const, registers: [registry] });
    let held = new Map([['t', [0, 1]]]);
    const admin = {
      fetchTopicOffsets: async () => [0, 1, 2].map((partition) => ({ partition, offset: '0', high: String(100 + partition), low: '0' })),
    };
    const lag = sampleConsumerLag({
      admin, gauge, logger: silent, everyMs: 3_600_000,
      source: { held: () => held, committed: async () => new Map([[0, 90n]]) },
    });
    await lag.sample();
    const values = async () => (await gauge.get()).values.map((v) => [v.labels.partition, v.value]);
    assert.deepEqual(await values(), [['0', 10], ['1', 101]]);
    held = new Map([['t', [1]]]);
    await lag.sample();
    assert.deepEqual(await values(), [['1', 101]]);
    lag.stop();
  });
});

describe('groupOffsets', () => {
  it('reads the group\'s committed offsets of the asked partitions, leaving out those never committed', async () => {
    const admin = {
      fetchOffsets: async () => [{ topic: 't', partitions: [{ partition: 0, offset: '42', metadata: null }, { partition: 1, offset: '-1', metadata: null }, { partition: 2, offset: '7', metadata: null }] }],
    };
    assert.deepEqual(await groupOffsets(admin, 'g')('t', [0, 1]), new Map([[0, 42n]]));
  });
});
