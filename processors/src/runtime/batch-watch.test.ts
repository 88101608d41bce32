import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBatchWatch } from './batch-watch.ts';

describe('batch watch', () => {
  it('is ok while batches finish in time', async () => {
    let clock = 0;
    const watch = createBatchWatch(1000, () => clock);
    await watch.track(3, async () => { clock += 900; });
    assert.deepEqual(watch.health(), { status: 'ok' });
  });

  it('reports a batch running past the limit', () => {
    let clock = 0;
    const watch = createBatchWatch(1000, () => clock);
    void watch.track(5, () => new Promise(() => undefined));
    clock = 1500;
    assert.deepEqual(watch.health(), { status: 'stalled', partition: 5, forMs: 1500 });
  });

  it('reports a crashed consumer', () => {
    const watch = createBatchWatch(1000);
    watch.crashed('KafkaJSNonRetriableError');
    assert.equal(watch.health().status, 'crashed');
  });
});
