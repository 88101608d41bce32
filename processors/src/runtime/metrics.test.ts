// The processors' dead-letter counters start every reason at zero: a counter's series born at 1
// is invisible to increase(), and the dead-letter alerts rest on increase() alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { DEAD_LETTER_REASONS } from '@csms/contracts';
import { createSignerMetrics } from '../certificates/signer-metrics.ts';
import { createProcessorMetrics } from './metrics.ts';

const zeroes = DEAD_LETTER_REASONS.map((reason) => [reason, 0]);

describe('processor metrics', () => {
  it('scrapes every dead-letter reason at zero before the first dead letter, the processors\' and the certificate authority\'s', async () => {
    const processor = createProcessorMetrics({ defaultMetrics: false });
    const signer = createSignerMetrics(new Registry());
    for (const counter of [processor.deadLetters, signer.deadLetters]) {
      assert.deepEqual((await counter.get()).values.map((v) => [v.labels.reason, v.value]), zeroes);
    }
  });
});
