import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from './cli-flags.ts';
import { rebuildBenchOptions } from './rebuild-bench-options.ts';

const refused = (message: RegExp) => (error: unknown) => error instanceof UsageError && message.test(error.message);
const now = new Date('2025-03-01T12:00:00.000Z');

describe('the rebuild bench command line', () => {
  it('measures the target with no flags: 10 million events of 10,000 stations, under a prefix and in a database of the run\'s own', () => {
    assert.deepEqual(rebuildBenchOptions([], now), {
      plan: { events: 10_000_000, stations: 10_000, idTags: 1_000, sessions: 663_933, heartbeats: 5 },
      // 1740830400000 ms in base 36: a prefix of its own for each run started a millisecond apart.
      topicPrefix: 'rebuildbench-m7q5h1c0.', database: 'rebuildbench_m7q5h1c0', keep: false,
      json: 'bench-results/rebuild-2025-03-01T12-00-00-000Z.json',
    });
  });

  it('takes every flag', () => {
    assert.deepEqual(rebuildBenchOptions(['--events', '50000', '--stations', '500', '--prefix', 'rb-1.', '--keep', '--json', '/tmp/rb.json'], now), {
      // 50 id tags and 4 setup facts a station leave 47,950: 3,196 sessions of 15, and 10.
      plan: { events: 50_000, stations: 500, idTags: 50, sessions: 3_196, heartbeats: 10 }, topicPrefix: 'rb-1.', database: 'rb_1', keep: true, json: '/tmp/rb.json',
    });
  });

  it('refuses fewer events than it takes to register and boot the stations, and plans exactly that many', () => {
    assert.throws(() => rebuildBenchOptions(['--events', '40', '--stations', '10'], now), refused(/--events must be at least 41 for 10 stations/));
    assert.deepEqual(rebuildBenchOptions(['--events', '41', '--stations', '10'], now).plan, { events: 41, stations: 10, idTags: 1, sessions: 0, heartbeats: 0 });
  });

  it('refuses an empty prefix, which would name the live system\'s topics, and one Kafka would refuse', () => {
    for (const prefix of ['', 'a b.', 'bench/', '...']) {
      assert.throws(() => rebuildBenchOptions(['--prefix', prefix], now), refused(/--prefix must be/), prefix);
    }
  });

  it('refuses a wrong number and an unknown flag', () => {
    assert.throws(() => rebuildBenchOptions(['--events', '1e7'], now), refused(/--events must be an integer/));
    assert.throws(() => rebuildBenchOptions(['--stations', '0'], now), refused(/--stations must be an integer in 1\.\.1000000/));
    assert.throws(() => rebuildBenchOptions(['--rate', '1'], now), refused(/rate/));
    assert.throws(() => rebuildBenchOptions(['--json', ''], now), refused(/--json must name a file/));
  });
});
